//! The static site a build writes around the app: the report rendered
//! into index.html (with the description and Open Graph tags), the page's
//! Content-Security-Policy naming its one inline script by hash, a page per
//! day for a large report, the web app manifest named after the report, and
//! the service worker with this build's file list. `tripnotes-prerender`
//! runs `finish` after each Trunk build; it can run again on a built folder
//! after another report.json is swapped in.

use crate::markup::{day_page_path, day_pages, static_page, DAY_PAGES};
use crate::model::Report;
use crate::render::{description, escape, head_tags, short_name};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Where index.html takes the static rendition.
const SLOT: &str = "<div id=\"static\"></div>";
/// What this step adds is marked, so running it again on a built page
/// (after swapping in another report.json) replaces it.
const HEAD: (&str, &str) = ("<!--prerendered head-->", "<!--/prerendered head-->");
const BODY: (&str, &str) = ("<!--prerendered body-->", "<!--/prerendered body-->");
const SERVICE_WORKER: &str = include_str!("../public/sw.js");
/// Trunk's loader.
const LOADER: &str = "<script type=\"module\">";

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The report as the browser reads it: `Response.text()` drops a
/// leading UTF-8 byte order mark, so a report with one is valid here too.
fn report_text(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    crate::files::write_atomically(path, text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn sha256(bytes: &[u8]) -> Vec<u8> {
    Sha256::digest(bytes).to_vec()
}

pub fn finish(dir: &Path) -> Result<(), String> {
    let report_path = dir.join("report.json");
    let report_json = read(&report_path)?;
    let report = Report::from_json(report_text(&report_json))
        .map_err(|e| format!("{}: {e}", report_path.display()))?;
    let index_path = dir.join("index.html");
    let page = read(&index_path)?;
    let page = fill(&page, &report)?;
    write(&index_path, &page)?;
    write_day_pages(dir, &page, &report)?;
    // Before the file list: the worker's version covers the manifest.
    let manifest_path = dir.join("manifest.webmanifest");
    let manifest = manifest(&read(&manifest_path)?, &report)
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    write(&manifest_path, &manifest)?;
    let files = build_files(dir)?;
    let version = version(dir, &files, &page, &report_json)?;
    write(&dir.join("sw.js"), &service_worker(&version, &files)?)?;
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
    let body = format!("{}{}{}", BODY.0, static_page(report), BODY.1);
    Ok(page
        .replacen(
            "<meta charset=\"utf-8\">",
            &format!("<meta charset=\"utf-8\">{head}"),
            1,
        )
        .replacen(SLOT, &body, 1))
}

/// A report too large for one page gets a page per day in `days/`.
/// The pages of an earlier run go first, so a swapped-in report leaves
/// none of another's behind.
fn write_day_pages(dir: &Path, page: &str, report: &Report) -> Result<(), String> {
    let folder = dir.join(DAY_PAGES);
    let failed = |e: std::io::Error| format!("{}: {e}", folder.display());
    if folder.is_dir() {
        for entry in std::fs::read_dir(&folder).map_err(failed)? {
            let path = entry.map_err(failed)?.path();
            if path.extension().is_some_and(|e| e == "html") {
                std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
        // Kept when something else is in it.
        let _ = std::fs::remove_dir(&folder);
    }
    let pages = day_pages(report);
    if pages.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(&folder).map_err(failed)?;
    let stylesheet = stylesheet(page)?;
    for (day, body) in pages {
        write(
            &dir.join(day_page_path(day)),
            &day_document(report, &day.label, &body, &stylesheet),
        )?;
    }
    Ok(())
}

/// A day's own page: no script, so its policy allows none.
fn day_document(report: &Report, day: &str, body: &str, stylesheet: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>{} · {}</title>\n\
         <link rel=\"stylesheet\" href=\"{}\">\n\
         <link rel=\"icon\" href=\"../icon.svg\" type=\"image/svg+xml\">\n\
         </head>\n<body>\n{body}\n</body>\n</html>\n",
        escape(day),
        escape(&report.title),
        escape(stylesheet),
    )
}

/// The page's stylesheet, as a day page in `days/` reaches it.
fn stylesheet(page: &str) -> Result<String, String> {
    let open = "<link rel=\"stylesheet\" href=\"";
    let start = page.find(open).ok_or("index.html has no stylesheet link")? + open.len();
    let href = &page[start
        ..start
            + page[start..]
                .find('"')
                .ok_or("index.html: unterminated link")?];
    let local = !href.starts_with('/') && !href.contains(':');
    Ok(if local {
        format!("../{}", href.trim_start_matches("./"))
    } else {
        href.to_string()
    })
}

/// The manifest with the report's name and description; everything
/// else (icons, colours, scope) stays as the build wrote it.
fn manifest(text: &str, report: &Report) -> Result<String, String> {
    let mut manifest: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let fields = manifest.as_object_mut().ok_or("not a JSON object")?;
    fields.insert("name".into(), report.title.trim().into());
    fields.insert("short_name".into(), short_name(report).into());
    fields.insert("description".into(), description(report).into());
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    Ok(text + "\n")
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
    let start = page
        .find(LOADER)
        .ok_or("index.html has no inline module script (Trunk's loader)")?
        + LOADER.len();
    let end = page[start..]
        .find("</script>")
        .ok_or("index.html: unterminated script")?;
    if page[start + end..].contains(LOADER) {
        return Err("index.html has more than one inline script".into());
    }
    Ok(&page[start..start + end])
}

/// The files the worker keeps besides the page and the report.
fn build_files(dir: &Path) -> Result<Vec<String>, String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        // Hidden files are not part of the site (nor are this step's
        // temporary files, should a run have been killed).
        .filter(|name| !name.starts_with('.'))
        .filter(|name| !matches!(name.as_str(), "sw.js" | "index.html" | "report.json"))
        .collect();
    files.sort();
    Ok(files)
}

/// Changes whenever any file of the build, the page or the report does.
fn version(dir: &Path, files: &[String], page: &str, report: &str) -> Result<String, String> {
    let mut hasher = Sha256::new();
    for name in files {
        hasher.update(name.as_bytes());
        hasher.update(std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?);
    }
    hasher.update(page.as_bytes());
    hasher.update(report.as_bytes());
    Ok(hasher.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The worker with this build's version and files. The names go in as a
/// JSON array (valid JavaScript), so no file name can break the script.
pub fn service_worker(version: &str, files: &[String]) -> Result<String, String> {
    let version = serde_json::to_string(version).map_err(|e| e.to_string())?;
    let files = serde_json::to_string(files).map_err(|e| e.to_string())?;
    let put = |template: &str, placeholder: &str, value: &str| {
        if template.matches(placeholder).count() == 1 {
            Ok(template.replacen(placeholder, value, 1))
        } else {
            Err(format!("public/sw.js must hold {placeholder} exactly once"))
        }
    };
    let script = put(SERVICE_WORKER, "\"__VERSION__\"", &version)?;
    put(&script, "[\"__FILES__\"]", &files)
}

#[cfg(test)]
mod tests {
    use super::{fill, finish, service_worker};
    use crate::model::Report;
    use std::path::PathBuf;

    const PAGE: &str = "<html><head><meta charset=\"utf-8\">\n<script type=\"module\">start()</script></head>\n<body><div id=\"static\"></div></body></html>";

    fn report(title: &str) -> Report {
        let mut report = Report::from_json(include_str!("../public/report.json")).unwrap();
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

    /// A folder of its own for one test, removed afterwards.
    struct Folder(PathBuf);

    impl Folder {
        fn new(name: &str) -> Folder {
            let path = std::env::temp_dir()
                .join(format!("tripnotes-prerender-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(&path).unwrap();
            Folder(path)
        }

        fn names(&self) -> Vec<String> {
            let mut names: Vec<String> = std::fs::read_dir(&self.0)
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            names.sort();
            names
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// A built site as Trunk leaves it, with `report` as its report.json.
    fn site(name: &str, report: &str, other: &str) -> Folder {
        let folder = Folder::new(name);
        std::fs::write(folder.0.join("index.html"), PAGE).unwrap();
        std::fs::write(folder.0.join("report.json"), report).unwrap();
        std::fs::write(folder.0.join("manifest.webmanifest"), MANIFEST).unwrap();
        std::fs::write(folder.0.join(other), "file").unwrap();
        folder
    }

    const MANIFEST: &str = include_str!("../public/manifest.webmanifest");

    fn read_json(path: PathBuf) -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// The value of `const NAME = ...;` in the worker, as JSON.
    fn constant<T: serde::de::DeserializeOwned>(script: &str, name: &str) -> T {
        let start = format!("const {name} = ");
        let line = script
            .lines()
            .find_map(|l| l.strip_prefix(start.as_str()))
            .unwrap();
        serde_json::from_str(line.strip_suffix(';').unwrap()).unwrap()
    }

    const BUNDLED: &str = include_str!("../public/report.json");

    #[test]
    fn the_manifest_names_the_report_and_follows_a_swapped_one() {
        let folder = site("manifest", BUNDLED, "icon.svg");
        finish(&folder.0).unwrap();
        let template: serde_json::Value = serde_json::from_str(MANIFEST).unwrap();
        let manifest = read_json(folder.0.join("manifest.webmanifest"));
        assert_eq!(manifest["name"], "Conference Report: 2024 SREcon Americas");
        assert_eq!(manifest["short_name"], "SREcon24 Americas");
        let bundled = Report::from_json(BUNDLED).unwrap();
        assert_eq!(
            manifest["description"],
            crate::render::description(&bundled)
        );
        for kept in ["icons", "start_url", "scope", "display", "theme_color"] {
            assert_eq!(manifest[kept], template[kept], "{kept} changed");
        }

        let worker = std::fs::read_to_string(folder.0.join("sw.js")).unwrap();
        let swapped = report("Second \"report\"").to_json();
        std::fs::write(folder.0.join("report.json"), swapped).unwrap();
        finish(&folder.0).unwrap();
        let manifest = read_json(folder.0.join("manifest.webmanifest"));
        assert_eq!(manifest["name"], "Second \"report\"");
        assert_eq!(manifest["short_name"], "Second \"report\"");
        assert_eq!(manifest["icons"], template["icons"]);
        let again = std::fs::read_to_string(folder.0.join("sw.js")).unwrap();
        assert_ne!(
            constant::<String>(&worker, "VERSION"),
            constant::<String>(&again, "VERSION"),
            "a new manifest must be fetched again by kept workers"
        );
    }

    #[test]
    fn a_large_report_gets_a_short_page_and_a_page_per_day() {
        use crate::markup::{FIRST_ENTRIES, WHOLE_PAGE};
        let bundled = Report::from_json(BUNDLED).unwrap();
        let large = crate::synth::synthesize(&bundled, WHOLE_PAGE + 1);
        let folder = site("large", &large.to_json(), "icon.svg");
        let styled = PAGE.replace(
            "</head>",
            "<link rel=\"stylesheet\" href=\"./app-1.css\"/></head>",
        );
        std::fs::write(folder.0.join("index.html"), styled).unwrap();
        finish(&folder.0).unwrap();
        let read = |path: PathBuf| std::fs::read_to_string(path).unwrap();
        let cards = |page: &str| page.matches("<article ").count();

        let index = read(folder.0.join("index.html"));
        assert_eq!(cards(&index), FIRST_ENTRIES);
        let mut in_day_pages = 0;
        for day in &large.days {
            assert!(index.contains(&format!("href=\"days/{}.html\"", day.id)));
            let page = read(folder.0.join("days").join(format!("{}.html", day.id)));
            assert!(page.contains("<link rel=\"stylesheet\" href=\"../app-1.css\">"));
            assert!(page.contains("content=\"default-src 'none';"));
            assert!(!page.contains("<script"));
            let entries: Vec<_> = large.entries.iter().filter(|e| e.day == day.id).collect();
            assert_eq!(cards(&page), entries.len(), "{}", day.id);
            for entry in entries {
                assert!(
                    page.contains(&format!("<article id=\"{}\"", entry.id)),
                    "{}",
                    entry.id
                );
            }
            in_day_pages += cards(&page);
        }
        assert_eq!(in_day_pages, large.entries.len());

        // A report that fits one page, swapped in, leaves no day page behind.
        std::fs::write(folder.0.join("report.json"), BUNDLED).unwrap();
        finish(&folder.0).unwrap();
        assert!(!folder.0.join("days").exists());
        assert_eq!(
            cards(&read(folder.0.join("index.html"))),
            bundled.entries.len()
        );
    }

    #[test]
    fn a_manifest_that_is_not_an_object_is_refused() {
        let folder = site("bad-manifest", BUNDLED, "icon.svg");
        std::fs::write(folder.0.join("manifest.webmanifest"), "[]").unwrap();
        let error = finish(&folder.0).unwrap_err();
        assert!(
            error.contains("manifest.webmanifest: not a JSON object"),
            "{error}"
        );
    }

    #[test]
    fn file_names_cannot_break_the_worker() {
        let files: Vec<String> = ["app-1.js", "a\"b\\c.png", "x\u{2028}</script>.svg"]
            .map(String::from)
            .to_vec();
        let script = service_worker("0a1b2c", &files).unwrap();
        assert_eq!(constant::<Vec<String>>(&script, "FILES"), files);
        assert_eq!(constant::<String>(&script, "VERSION"), "0a1b2c");
    }

    #[test]
    fn a_report_with_a_byte_order_mark_is_read_as_the_browser_reads_it() {
        let folder = site("bom", &format!("\u{feff}{BUNDLED}"), "icon.svg");
        finish(&folder.0).unwrap();
        let page = std::fs::read_to_string(folder.0.join("index.html")).unwrap();
        assert!(page.contains("id=\"oidc-and-ci-cd\""));
    }

    #[test]
    fn writes_leave_no_temporary_file() {
        let odd = "a\"b\\c.png";
        let folder = site("temp", BUNDLED, odd);
        finish(&folder.0).unwrap();
        let names = [
            odd,
            "index.html",
            "manifest.webmanifest",
            "report.json",
            "sw.js",
        ];
        assert_eq!(folder.names(), names);
        let worker = std::fs::read_to_string(folder.0.join("sw.js")).unwrap();
        assert_eq!(
            constant::<Vec<String>>(&worker, "FILES"),
            [odd, "manifest.webmanifest"]
        );
        // Running again on the finished folder changes nothing.
        let page = std::fs::read_to_string(folder.0.join("index.html")).unwrap();
        finish(&folder.0).unwrap();
        assert_eq!(folder.names(), names);
        let again = std::fs::read_to_string(folder.0.join("index.html")).unwrap();
        assert!(again == page, "a second run changed the page");
    }

    #[test]
    fn a_reader_of_the_old_files_never_sees_the_new_ones_half_written() {
        use std::io::Read;
        let folder = site("reader", BUNDLED, "icon.svg");
        std::fs::write(folder.0.join("sw.js"), "old worker").unwrap();
        let mut page = std::fs::File::open(folder.0.join("index.html")).unwrap();
        let mut worker = std::fs::File::open(folder.0.join("sw.js")).unwrap();
        finish(&folder.0).unwrap();
        let mut text = String::new();
        page.read_to_string(&mut text).unwrap();
        assert!(text == PAGE, "the page changed under its reader");
        text.clear();
        worker.read_to_string(&mut text).unwrap();
        assert!(text == "old worker", "the worker changed under its reader");
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        let folder = site("fail", BUNDLED, "icon.svg");
        // A folder where sw.js should go: the rename fails.
        std::fs::create_dir(folder.0.join("sw.js")).unwrap();
        assert!(finish(&folder.0).is_err());
        assert_eq!(
            folder.names(),
            [
                "icon.svg",
                "index.html",
                "manifest.webmanifest",
                "report.json",
                "sw.js"
            ]
        );
    }
}
