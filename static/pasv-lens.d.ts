// Type definitions for static/pasv-lens.js: the same JSON contract as
// `pasv-lens decode --json` (see docs/json.md).

export type Kind = 'pasv' | 'epsv' | 'lpsv' | 'port' | 'eprt' | 'lprt' | 'other';
export type Family = 'ipv4' | 'ipv6';
export type Severity = 'info' | 'warning' | 'danger';
export type AddressClass =
  | 'public' | 'private' | 'shared' | 'loopback' | 'link-local' | 'unspecified' | 'multicast'
  | 'broadcast' | 'reserved' | 'documentation' | 'benchmarking' | 'unique-local' | 'ipv4-mapped';
export type Command = 'PASV' | 'EPSV' | 'LPSV' | 'PORT' | 'EPRT' | 'LPRT';
/** `[start, end]` byte offsets (UTF-8) into the decoded text. */
export type Span = [number, number];

export interface ErrorReport {
  id: string;
  message: string;
  span: Span;
}

export interface FindingReport {
  id: string;
  severity: Severity;
  message: string;
  citation: { label: string; url: string };
  span: Span | null;
  /** Bytes of `message` that make its first sentence, its one-line summary. */
  summary_len: number;
}

export interface Report {
  kind: Kind;
  code: number | null;
  ok: boolean;
  ip: string | null;
  port: number | null;
  family: Family | null;
  address_class: AddressClass | null;
  connect_to: string | null;
  error: ErrorReport | null;
  findings: FindingReport[];
  reply_ip: string | null;
  port_bytes: [number, number] | null;
  sent: Command | null;
  span: Span;
  address_spans: Span[];
  port_spans: Span[];
}

export interface DecodeOptions {
  /** The control connection's peer address (IPv4 or IPv6). */
  control?: string;
  /** The command the reply answers. */
  sent?: Command;
  /** Message language; default "en". */
  lang?: 'en' | 'vi';
}

export interface MountOptions extends DecodeOptions {
  reply?: string;
  /** The passive command the reply answers; PORT, EPRT and LPRT are ignored here (the widget's menu offers PASV, EPSV and LPSV). */
  sent?: Command;
  /** The result only (verdict, values, arithmetic) with a link to the full page; `data-compact`. */
  compact?: boolean;
  /** Colour scheme; "auto" (the default) follows the element's `color-scheme`; `data-theme`. */
  theme?: 'light' | 'dark' | 'auto';
  /** URL of the full PASV Lens page that a compact widget links to; default: the folder above `static/`. `data-page`. */
  page?: string;
}

/** Resolves once the WebAssembly module is loaded. */
export const ready: Promise<void>;
/** One report per reply or command in `text` (loads the on-demand module on
 * the first call). Rejects on invalid options. */
export function decode(text: string, options?: DecodeOptions): Promise<Report[]>;
/** Mount a decoder widget (in a shadow root) into `element`. */
export function mount(element: Element, options?: MountOptions): void;
/** Mount every `[data-pasv-lens]` element under `root` not mounted yet. */
export function mountAll(root?: ParentNode): void;
