//! GitHub's `primaryLocationLineHash`, exactly as `upload-sarif` computes it
//! (codeql-action `src/fingerprints.ts`), so that alerts keep their identity across runs.
//!
//! A 64-bit wrapping rolling hash (base 37) over the next 100 UTF-16 code units from the
//! start of each line, skipping spaces and tabs, with CR and CRLF read as LF and a 65535
//! sentinel after the end of the file; printed as unpadded lower-case hex plus `:N`, the
//! occurrence count of that value so far. It hashes text; it does not read files.

use std::collections::HashMap;

const BLOCK: usize = 100;
const MOD: u64 = 37;
const TAB: u64 = 0x09;
const SPACE: u64 = 0x20;
const LF: u64 = 0x0A;
const CR: u64 = 0x0D;
const EOF: u64 = 65535;

struct Hasher {
    window: [u64; BLOCK],
    lines: [usize; BLOCK], // 0 = no line starts here
    hash: u64,
    index: usize,
    first_mod: u64,
    counts: HashMap<u64, u32>,
    out: Vec<String>,
    line: usize,
    line_start: bool,
    prev_cr: bool,
}

impl Hasher {
    fn output(&mut self) {
        let count = self.counts.entry(self.hash).or_insert(0);
        *count += 1;
        let line = self.lines[self.index];
        if self.out.len() < line {
            self.out.resize(line, String::new());
        }
        self.out[line - 1] = format!("{:x}:{count}", self.hash);
        self.lines[self.index] = 0;
    }

    fn update(&mut self, current: u64) {
        let begin = self.window[self.index];
        self.window[self.index] = current;
        self.hash = MOD
            .wrapping_mul(self.hash)
            .wrapping_add(current)
            .wrapping_sub(self.first_mod.wrapping_mul(begin));
        self.index = (self.index + 1) % BLOCK;
    }

    fn process(&mut self, mut current: u64) {
        if current == SPACE || current == TAB || (self.prev_cr && current == LF) {
            self.prev_cr = false;
            return;
        }
        if current == CR {
            current = LF;
            self.prev_cr = true;
        } else {
            self.prev_cr = false;
        }
        if self.lines[self.index] != 0 {
            self.output();
        }
        if self.line_start {
            self.line_start = false;
            self.line += 1;
            self.lines[self.index] = self.line;
        }
        if current == LF {
            self.line_start = true;
        }
        self.update(current);
    }
}

/// The hash of every line of `text`: element `i` is line `i + 1`'s `hex:count`.
#[must_use]
pub fn line_hashes(text: &str) -> Vec<String> {
    let mut h = Hasher {
        window: [0; BLOCK],
        lines: [0; BLOCK],
        hash: 0,
        index: 0,
        first_mod: MOD.wrapping_pow(u32::try_from(BLOCK).expect("block size")),
        counts: HashMap::new(),
        out: Vec::new(),
        line: 0,
        line_start: true,
        prev_cr: false,
    };
    for unit in text.encode_utf16() {
        h.process(u64::from(unit));
    }
    h.process(EOF);
    for _ in 0..BLOCK {
        if h.lines[h.index] != 0 {
            h.output();
        }
        h.update(0);
    }
    h.out
}
