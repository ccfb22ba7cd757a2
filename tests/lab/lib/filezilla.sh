# FileZilla 3 (a GUI) under xvfb-run: it connects to a Site Manager entry,
# lists the directory, and writes its log to a file through its settings;
# the lab stops it once the log shows the listing ended. Sourced by scripts/lab.sh.

# $1 home dir, $2 host, $3 log file, $4 protocol (0: FTP, TLS if the server
# offers it; 4: explicit FTPS required), $5 passive (1) or active (0)
fz_config() {
  local d="$1/.config/filezilla" pw
  mkdir -p "$d"
  pw=$(printf %s "$LAB_PW" | base64)
  cat > "$d/filezilla.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<FileZilla3 version="3.63.0" platform="*nix">
  <Settings>
    <Setting name="Logging file">$3</Setting>
    <Setting name="Logging Debug Level">4</Setting>
    <Setting name="Logging Raw Listing">1</Setting>
    <Setting name="Timeout">10</Setting>
    <Setting name="Reconnect count">0</Setting>
    <Setting name="Use Pasv mode">$5</Setting>
    <Setting name="Update Check">0</Setting>
    <Setting name="Greeting version">3.63.0</Setting>
    <Setting name="Show Site Manager on startup">0</Setting>
    <Setting name="Default editor">0</Setting>
  </Settings>
</FileZilla3>
XML
  # The answer "Always allow insecure plain FTP for this server", given ahead.
  cat > "$d/trustedcerts.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<FileZilla3 version="3.63.0" platform="*nix">
  <InsecureHosts>
    <Host Port="21">$2</Host>
  </InsecureHosts>
</FileZilla3>
XML
  cat > "$d/sitemanager.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<FileZilla3 version="3.63.0" platform="*nix">
  <Servers>
    <Server>
      <Host>$2</Host>
      <Port>21</Port>
      <Protocol>$4</Protocol>
      <Type>0</Type>
      <User>lab</User>
      <Pass encoding="base64">$pw</Pass>
      <Logontype>1</Logontype>
      <PasvMode>MODE_DEFAULT</PasvMode>
      <EncodingType>Auto</EncodingType>
      <BypassProxy>0</BypassProxy>
      <Name>lab</Name>
      <SyncBrowsing>0</SyncBrowsing>
      <DirectoryComparison>0</DirectoryComparison>
    </Server>
  </Servers>
</FileZilla3>
XML
}

# Runs FileZilla in namespace $1 against $2; writes its log to $3; $4 tls, $5 client name.
fz_run() {
  local ns=$1 host=$2 out=$3 proto=0 pasv=1 home="$LANE_DIR/fzhome" log="$LANE_DIR/fz.log" i
  [ "$4" = explicit ] && proto=4
  [ "$5" = filezilla-active ] && pasv=0
  rm -rf "$home"; rm -f "$log"
  fz_config "$home" "$host" "$log" "$proto" "$pasv"
  # One X display per lane (xvfb-run -a races when lanes start together),
  # numbered high to stay clear of other X servers on the machine.
  local dpy=$((170 + LANE)) lp
  if [ -f "/tmp/.X$dpy-lock" ]; then
    lp=$(tr -d ' ' < "/tmp/.X$dpy-lock")
    kill -0 "$lp" 2>/dev/null || rm -f "/tmp/.X$dpy-lock" "/tmp/.X11-unix/X$dpy"
  fi
  # setsid: FileZilla, Xvfb and xvfb-run form one process group, stopped together.
  HOME=$home setsid ip netns exec "$ns" xvfb-run -n "$dpy" -s "-nolisten tcp" filezilla -c "0/lab" > "$LANE_DIR/fz.out" 2>&1 < /dev/null &
  local pg=$!
  for i in $(seq 1 120); do
    sleep 0.1
    grep -qE 'Directory listing of .* successful|Critical error|Could not connect|Connection timed out|Error: Failed to retrieve directory listing' "$log" 2>/dev/null && break
  done
  sleep 0.3
  kill -- -"$pg" 2>/dev/null; sleep 0.2; kill -9 -- -"$pg" 2>/dev/null
  wait "$pg" 2>/dev/null
  FZ_RC=0
  grep -q 'Directory listing of .* successful' "$log" 2>/dev/null || FZ_RC=1
  cat "$log" > "$out" 2>/dev/null
}
