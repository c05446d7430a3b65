//! The real conference programmes the import tests read: the folder given
//! by `TRIPNOTES_PROGRAMMES`, else the shared data beside the repository.

use std::path::PathBuf;

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
