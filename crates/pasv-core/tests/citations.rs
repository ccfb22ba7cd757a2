//! Every citation URL in the core's source (findings, log verdicts, server
//! fixes, client sources) points at something that does not move: no branch
//! name, and for an RFC a section anchor its table of contents has
//! (`tests/data/rfc-anchors.tsv`).
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use pasv_core::clients::Client;
use pasv_core::FindingId;

const ANCHORS: &str = include_str!("data/rfc-anchors.tsv");

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `"http…"` string literal in `src/`, with the file it is in.
fn urls_in_source() -> Vec<(String, String)> {
    let mut files = vec![];
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut urls = vec![];
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("\"http") {
            let rest = &text[at + 1..];
            let url = &rest[..rest.find('"').unwrap()];
            // A bare scheme (a prefix check in a test) is no citation.
            if url.trim_start_matches("https://").trim_start_matches("http://").contains('.') {
                urls.push((file.display().to_string(), url.to_string()));
            }
        }
    }
    urls
}

fn anchors() -> BTreeMap<&'static str, BTreeSet<&'static str>> {
    ANCHORS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (rfc, list) = l.split_once('\t').unwrap();
            (rfc, list.split(' ').collect())
        })
        .collect()
}

/// Why `url` is not a stable citation, if it is not.
fn problem(url: &str, anchors: &BTreeMap<&str, BTreeSet<&str>>) -> Option<String> {
    // A branch right after blob/tree/raw (`src/main/java` is a directory, not a branch).
    for kind in ["blob", "tree", "raw"] {
        for branch in ["main", "master", "HEAD"] {
            if url.contains(&format!("/{kind}/{branch}/")) {
                return Some(format!("points at the moving branch {branch}"));
            }
        }
    }
    if url.contains("HEAD") {
        return Some("points at HEAD".into());
    }
    let rest = url.strip_prefix("https://www.rfc-editor.org/rfc/")?;
    let Some((rfc, anchor)) = rest.split_once('#') else { return Some("an RFC link without a section anchor".into()) };
    match anchors.get(rfc) {
        None => Some(format!("{rfc} is not in tests/data/rfc-anchors.tsv")),
        Some(list) if !list.contains(anchor) => Some(format!("{rfc} has no #{anchor}")),
        Some(_) => None,
    }
}

#[test]
fn every_citation_url_is_pinned_and_anchored() {
    let anchors = anchors();
    let urls = urls_in_source();
    // The scan finds the citations the API exposes.
    for id in FindingId::ALL {
        assert!(urls.iter().any(|(_, u)| u == id.citation().url), "{id:?}: {} not found in the source", id.citation().url);
    }
    for client in Client::ALL {
        assert!(urls.iter().any(|(_, u)| u == client.source().url), "{client:?} not found in the source");
    }
    let bad: Vec<String> =
        urls.iter().filter_map(|(file, url)| problem(url, &anchors).map(|why| format!("{file}: {url}: {why}"))).collect();
    assert!(bad.is_empty(), "unstable citations:\n{}", bad.join("\n"));
}

#[test]
fn the_check_rejects_what_it_should() {
    let anchors = anchors();
    for url in [
        "https://github.com/python/cpython/blob/main/Lib/ftplib.py",
        "https://github.com/torvalds/linux/blob/master/net/netfilter/nf_conntrack_ftp.c",
        "https://gitlab.com/wireshark/wireshark/-/blob/master/epan/dissectors/packet-ftp.c",
        "https://example.org/HEAD/file",
        "https://www.rfc-editor.org/rfc/rfc959",
        "https://www.rfc-editor.org/rfc/rfc959#section-9.9",
        "https://www.rfc-editor.org/rfc/rfc9999#section-1",
    ] {
        assert!(problem(url, &anchors).is_some(), "{url}");
    }
    for url in [
        "https://www.rfc-editor.org/rfc/rfc959#section-4.2.2",
        "https://github.com/curl/curl/blob/5c61e16/lib/ftp.c",
        "https://github.com/apache/commons-net/blob/c66d035/src/main/java/org/apache/commons/net/ftp/FTPClient.java",
    ] {
        assert_eq!(problem(url, &anchors), None, "{url}");
    }
}

/// A finding whose label starts with an RFC section links to that section.
#[test]
fn finding_labels_and_links_name_the_same_section() {
    for id in FindingId::ALL {
        let c = id.citation();
        let first = c.label.split(';').next().unwrap();
        let Some(rest) = first.strip_prefix("RFC ") else { continue };
        let (number, section) = rest.split_once(" §").unwrap_or((rest, ""));
        let expected = if section.is_empty() {
            format!("https://www.rfc-editor.org/rfc/rfc{number}#")
        } else {
            format!("https://www.rfc-editor.org/rfc/rfc{number}#section-{section}")
        };
        assert!(c.url.starts_with(&expected), "{id:?}: label {:?}, url {:?}", c.label, c.url);
    }
}
