//! `tripnotes-prerender [DIR]`: finishes a built site (Trunk runs it after
//! each build, with DIR its staging folder). From the site's report.json it
//! writes the static rendition of the report into index.html (with the
//! description and Open Graph tags), seals the page with a
//! Content-Security-Policy naming its one inline script by hash, and writes
//! the service worker with this build's file list.
//!
//! Run it again on a built folder after swapping in another report.json.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let dir = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("TRUNK_STAGING_DIR").ok());
    let Some(dir) = dir else {
        eprintln!("usage: tripnotes-prerender DIR (or set TRUNK_STAGING_DIR)");
        return std::process::ExitCode::from(2);
    };
    match site::finish(std::path::Path::new(&dir)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod site {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    use std::path::Path;
    use tripnotes::model::Report;
    use tripnotes::render::{escape, head_tags, page_body};

    /// Where index.html takes the static rendition.
    const SLOT: &str = "<div id=\"static\"></div>";
    /// What this step adds is marked, so running it again on a built page
    /// (after swapping in another report.json) replaces it.
    const HEAD: (&str, &str) = ("<!--prerendered head-->", "<!--/prerendered head-->");
    const BODY: (&str, &str) = ("<!--prerendered body-->", "<!--/prerendered body-->");
    const SERVICE_WORKER: &str = include_str!("../../public/sw.js");

    fn read(path: &Path) -> Result<String, String> {
        std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn write(path: &Path, text: &str) -> Result<(), String> {
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn sha256(bytes: &[u8]) -> Vec<u8> {
        Sha256::digest(bytes).to_vec()
    }

    pub fn finish(dir: &Path) -> Result<(), String> {
        let report_path = dir.join("report.json");
        let report = Report::from_json(&read(&report_path)?)
            .map_err(|e| format!("{}: {e}", report_path.display()))?;
        let index_path = dir.join("index.html");
        let page = read(&index_path)?;
        let page = fill(&page, &report)?;
        write(&index_path, &page)?;
        write(&dir.join("sw.js"), &service_worker(dir, &page)?)?;
        eprintln!(
            "prerendered {} entries into {}",
            report.entries.len(),
            index_path.display()
        );
        Ok(())
    }

    /// The page with the report, its head tags and the security policy.
    pub fn fill(page: &str, report: &Report) -> Result<String, String> {
        let page = unfill(page);
        if !page.contains(SLOT) {
            return Err(format!("index.html has no {SLOT} to fill"));
        }
        let script = inline_script(&page)?;
        let hash = base64::engine::general_purpose::STANDARD.encode(sha256(script.as_bytes()));
        let policy = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}'; \
             style-src 'self'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; \
             worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'"
        );
        let head = format!(
            "{}\n<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n<title>{}</title>\n{}{}",
            HEAD.0,
            escape(&report.title),
            head_tags(report),
            HEAD.1
        );
        let body = format!("{}{}{}", BODY.0, page_body(report), BODY.1);
        Ok(page
            .replacen(
                "<meta charset=\"utf-8\">",
                &format!("<meta charset=\"utf-8\">{head}"),
                1,
            )
            .replacen(SLOT, &body, 1))
    }

    /// The page as Trunk wrote it, before any earlier run of this step.
    fn unfill(page: &str) -> String {
        let mut page = page.to_string();
        for ((start, end), keep) in [(HEAD, ""), (BODY, SLOT)] {
            if let (Some(a), Some(b)) = (page.find(start), page.find(end)) {
                if a < b {
                    page.replace_range(a..b + end.len(), keep);
                }
            }
        }
        page
    }

    /// The loader Trunk writes into the page: the one inline script.
    fn inline_script(page: &str) -> Result<&str, String> {
        let open = "<script type=\"module\">";
        let start = page
            .find(open)
            .ok_or("index.html has no inline module script (Trunk's loader)")?
            + open.len();
        let end = page[start..]
            .find("</script>")
            .ok_or("index.html: unterminated script")?;
        if page[start + end..].contains(open) {
            return Err("index.html has more than one inline script".into());
        }
        Ok(&page[start..start + end])
    }

    /// The worker, with the files of this build and a version that changes
    /// whenever any of them (or the page, or the report) does.
    fn service_worker(dir: &Path, page: &str) -> Result<String, String> {
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| !matches!(name.as_str(), "sw.js" | "index.html" | "report.json"))
            .collect();
        files.sort();
        let mut hasher = Sha256::new();
        for name in &files {
            hasher.update(name.as_bytes());
            hasher.update(std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?);
        }
        hasher.update(page.as_bytes());
        hasher.update(read(&dir.join("report.json"))?.as_bytes());
        let version: String = hasher.finalize()[..6]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let list = files
            .iter()
            .map(|f| format!("\"{f}\""))
            .collect::<Vec<_>>()
            .join(", ");
        Ok(SERVICE_WORKER
            .replacen("\"__VERSION__\"", &format!("\"{version}\""), 1)
            .replacen("[\"__FILES__\"]", &format!("[{list}]"), 1))
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(test)]
mod tests {
    use super::site::fill;
    use tripnotes::model::Report;

    const PAGE: &str = "<html><head><meta charset=\"utf-8\">\n<script type=\"module\">start()</script></head>\n<body><div id=\"static\"></div></body></html>";

    fn report(title: &str) -> Report {
        let mut report = Report::from_json(include_str!("../../public/report.json")).unwrap();
        report.title = title.to_string();
        report
    }

    #[test]
    fn fills_head_body_and_policy() {
        let page = fill(PAGE, &report("First <report>")).unwrap();
        assert!(page.contains("<title>First &lt;report&gt;</title>"));
        assert!(page.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
        assert!(page.contains("id=\"oidc-and-ci-cd\""));
        assert!(!page.contains("<report>"));
    }

    #[test]
    fn running_again_replaces_what_it_added() {
        let once = fill(PAGE, &report("Second")).unwrap();
        let twice = fill(&fill(PAGE, &report("First")).unwrap(), &report("Second")).unwrap();
        assert_eq!(once, twice);
    }

    #[test]
    fn a_page_with_two_inline_scripts_is_refused() {
        let page = PAGE.replace("</head>", "<script type=\"module\">other()</script></head>");
        assert!(fill(&page, &report("x")).is_err());
    }
}
