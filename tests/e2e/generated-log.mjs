// A generated curl -v style session log of any size, for the large-input test
// and the timing script: mostly HTTP/TLS noise, with an FTP session (EPSV
// refused, PASV to a private address behind NAT, data connection timing out)
// every `every` noise lines.
const NOISE = [
  '*   Trying 198.51.100.7:443...',
  '* TLSv1.3 (IN), TLS handshake, Finished (20):',
  '> GET /downloads/archive-2024.tar.gz HTTP/1.1',
  '< HTTP/1.1 200 OK',
  '{ [16384 bytes data]',
  '2024-05-01 10:00:00,123 INFO worker-3 processed batch 77 in 41 ms',
];
const SESSION = [
  '* Connected to ftp.example.net (203.0.113.25) port 21',
  '< 220 ProFTPD Server ready',
  '> EPSV',
  '< 500 EPSV not understood',
  '> PASV',
  '< 227 Entering Passive Mode (10,0,0,12,156,64).',
  '* connect to 10.0.0.12 port 40000 failed: Connection timed out',
];

/** A log of at least `bytes` bytes (ASCII, so bytes = characters). */
export function buildLog(bytes, every = 2000) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    if (i % every === 0) for (const l of SESSION) { parts.push(l); size += l.length + 1; }
    const l = `${NOISE[i % NOISE.length]} #${i}`;
    parts.push(l);
    size += l.length + 1;
  }
  return parts.join('\n');
}

/** How many exchanges the page lists for a generated log (EPSV and PASV of each session). */
export function exchangeCount(log) {
  return log.split('\n').filter((l) => l === '> PASV' || l === '> EPSV').length;
}

/** The size as the page writes it: "2.5 MB" (one decimal, rounded), Vietnamese "2,5 MB". */
export function pageSize(bytes, separator = '.') {
  const tenths = Math.round((bytes * 10) / (1024 * 1024));
  return `${Math.floor(tenths / 10)}${separator}${tenths % 10} MB`;
}
