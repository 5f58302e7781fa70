//! Embeds every `locales/<lang>/*.ftl` file, so adding a file needs no code change.
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut out = String::from("/// (locale tag, file name, contents) of every Fluent file.\npub static FTL_FILES: &[(&str, &str, &str)] = &[\n");
    let mut dirs: Vec<_> = std::fs::read_dir(&root).map(|d| d.flatten().collect()).unwrap_or_default();
    dirs.sort_by_key(|d| d.file_name());
    for dir in dirs.iter().filter(|d| d.path().is_dir()) {
        println!("cargo:rerun-if-changed={}", dir.path().display());
        let mut files: Vec<_> =
            std::fs::read_dir(dir.path()).map(|d| d.flatten().collect()).unwrap_or_default();
        files.sort_by_key(|f| f.file_name());
        for f in files.iter().filter(|f| f.path().extension().is_some_and(|e| e == "ftl")) {
            println!("cargo:rerun-if-changed={}", f.path().display());
            let _ = writeln!(
                out,
                "    ({:?}, {:?}, include_str!({:?})),",
                dir.file_name().to_string_lossy(),
                f.file_name().to_string_lossy(),
                f.path().canonicalize().unwrap_or(f.path()).display().to_string()
            );
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("ftl_files.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
