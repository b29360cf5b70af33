//! GitHub's `primaryLocationLineHash`: known values computed by the reference port of
//! codeql-action's `fingerprints.ts` (`shared/sarif/sarif_line_hash.py`, cross-checked there
//! against the JavaScript implementation).

use authlint::linehash::line_hashes;

fn check(text: &str, want: &[(usize, &str)]) {
    let got = line_hashes(text);
    for &(line, hash) in want {
        assert_eq!(
            got.get(line - 1).map(String::as_str),
            Some(hash),
            "line {line} of {text:?}"
        );
    }
}

#[test]
fn reference_log_value() {
    let src = std::fs::read_to_string("tests/data/reference/src/app.py").unwrap();
    check(&src, &[(12, "fe1696b4b07bf6dc:1")]);
}

#[test]
fn crlf_tabs_and_blank_lines() {
    check(
        "a = 1\r\n\tb = 2\r\n\r\nc\t=\t3\n",
        &[
            (1, "8f6a3af31397247e:1"),
            (2, "7a5cc636be44b21d:1"),
            (3, "d237d4803d2e4fea:1"),
            (4, "69f19082d890fa68:1"),
            (5, "c129715d7a2bc9a3:1"),
        ],
    );
}

#[test]
fn cr_only_line_endings() {
    check(
        "one\rtwo\rthree",
        &[
            (1, "9e10d7ec5c0ad22f:1"),
            (2, "9a7f259d854625cb:1"),
            (3, "e65cf7c92d5cdd03:1"),
        ],
    );
}

#[test]
fn astral_and_non_ascii_characters_count_as_utf16_units() {
    check(
        "s = '😀 é'\nend\n",
        &[(1, "3353e17c4df8eb2a:1"), (2, "fe2be582c6296f40:1")],
    );
    check(
        "é\u{a0}x\ny\u{200b}z\n",
        &[(1, "f6fe4d41e13efcde:1"), (2, "11dfab2c22ae5fc7:1")],
    );
}

#[test]
fn lines_longer_than_the_window_and_no_final_newline() {
    let long = format!("{}\nshort\n", "grant_type=password&".repeat(12));
    check(
        &long,
        &[(1, "6f1c0bce188f9e9f:1"), (2, "8bf8ff854171d875:1")],
    );
    check("last line", &[(1, "4303f33e07f55593:1")]);
}

#[test]
fn repeated_windows_are_counted_and_hex_is_unpadded() {
    let text = "ab\n".repeat(60);
    check(
        &text,
        &[
            (1, "94155610e84b82:1"),
            (2, "94155610e84b82:2"),
            (3, "94155610e84b82:3"),
            (30, "94ae07d027f8fa:1"),
            (61, "c129715d7a2bc9a3:1"),
        ],
    );
}
