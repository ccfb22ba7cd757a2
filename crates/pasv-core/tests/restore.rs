//! Reports read back from their JSON equal the reports written: the page's
//! analysis worker sends log reports to the log view this way.
use std::path::Path;

use pasv_core::log::{analyse_log, report, LogReport};
use pasv_core::{report_all, Context, Lang, Report};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: &T) -> T {
    serde_json::from_str(&serde_json::to_string(value).unwrap()).unwrap()
}

#[test]
fn every_fixture_log_report_reads_back_equal_in_every_language() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/logs");
    let mut logs = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "log") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for control in [None, Some("198.51.100.1".parse().unwrap())] {
            let analysis = analyse_log(&text, control);
            for &lang in Lang::ALL {
                let written = report(&analysis, lang);
                let read: LogReport = round_trip(&written);
                assert_eq!(read, written, "{}", path.display());
            }
        }
        logs += 1;
    }
    assert!(logs > 20, "only {logs} fixture logs");
}

#[test]
fn reply_reports_with_errors_and_findings_read_back_equal() {
    let text = "227 Entering Passive Mode (10,0,0,12,156,64)\n227 (192,168,1,2,300,5)\n229 (!!!9447!).\nEPRT |2|2001:db8::7|5282|\n\
                228 Entering Long Passive Mode (4,4,127,0,0,1,2,0,21)\n227 =0,0,0,0,0,0\n522 Network protocol not supported\nEPSV";
    let ctx = Context { control_ip: Some("203.0.113.10".parse().unwrap()), sent: None };
    let written = report_all(text, &ctx, Lang::Vi);
    assert!(written.iter().any(|r| r.error.is_some()) && written.iter().any(|r| !r.findings.is_empty()));
    let read: Vec<Report> = round_trip(&written);
    assert_eq!(read, written);
}

#[test]
fn an_id_this_core_does_not_have_is_an_error() {
    let analysis = analyse_log("> PASV\n< 227 Entering Passive Mode (10,0,0,12,156,64)\n", None);
    let json = serde_json::to_string(&report(&analysis, Lang::En)).unwrap();
    let id = report(&analysis, Lang::En).summary.verdict.id;
    let forged = json.replace(&format!("\"id\":\"{id}\""), "\"id\":\"no-such-verdict\"");
    assert_ne!(forged, json);
    assert!(serde_json::from_str::<LogReport>(&forged).is_err());
}
