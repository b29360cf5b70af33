//! Embeds every `rules/*.toml` file into the binary, sorted by file name, so the catalogue
//! needs no files at run time and its order never depends on the file system.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=rules");
    let mut names: Vec<String> = std::fs::read_dir("rules")
        .expect("rules/ directory")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            Path::new(n)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        })
        .collect();
    names.sort();
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let mut out = String::from("/// Rule files embedded at build time: (file name, contents).\n");
    out.push_str("pub(crate) static EMBEDDED_RULES: &[(&str, &str)] = &[\n");
    for name in &names {
        let path = Path::new(&root).join("rules").join(name);
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("rules.rs");
    std::fs::write(dest, out).expect("write rules.rs");
}
