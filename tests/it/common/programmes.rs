//! The real conference programmes the import tests read: the folder given
//! by `TRIPNOTES_PROGRAMMES`, else the shared data beside the repository.

use std::path::PathBuf;
use std::sync::OnceLock;
use tripnotes::import::schedule::{import, Imported};

pub fn folder() -> PathBuf {
    let dir = std::env::var_os("TRIPNOTES_PROGRAMMES").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/programmes"),
        PathBuf::from,
    );
    assert!(
        dir.is_dir(),
        "the programmes folder {} is missing; set TRIPNOTES_PROGRAMMES to it",
        dir.display()
    );
    dir
}

/// Every JSON and XML file of the folder by name, JSON Schemas included,
/// in name order.
pub fn files() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder())
        .expect("the folder lists")
        .map(|file| file.expect("an entry").path())
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().to_string();
            let wanted = name.ends_with(".json") || name.ends_with(".xml");
            wanted.then(|| (name, std::fs::read(&path).expect("readable")))
        })
        .collect();
    files.sort();
    files
}

/// The programmes alone: the files that are no JSON Schema.
pub fn programmes() -> Vec<(String, Vec<u8>)> {
    files()
        .into_iter()
        .filter(|(name, _)| !name.ends_with(".schema.json"))
        .collect()
}

/// Each programme, its bytes and its import, imported once for all the
/// tests that read them: the 36C3 files take seconds each in a debug build.
pub fn imported() -> &'static [(String, Vec<u8>, Imported)] {
    static IMPORTED: OnceLock<Vec<(String, Vec<u8>, Imported)>> = OnceLock::new();
    IMPORTED.get_or_init(|| {
        (programmes().into_iter())
            .map(|(name, bytes)| {
                let imported = import(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
                (name, bytes, imported)
            })
            .collect()
    })
}

/// One programme's import, by file name.
pub fn imported_one(name: &str) -> &'static Imported {
    (imported().iter())
        .find_map(|(file, _, imported)| (file == name).then_some(imported))
        .unwrap_or_else(|| panic!("{name} is not among the programmes"))
}
