//! Mounts the viewer. Everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(tripnotes::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Tripnotes runs in a browser: build it with `trunk build` (see the README).");
    std::process::exit(2);
}
