//! Finding paths relative to a directory (the config file's, the baseline file's), for
//! `[[ignore]]` globs and baseline keys.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Paths relative to one directory, each file's worked out once. Both sides are
/// canonicalized, so `..`, `.` and links in either never make a path look outside.
pub struct RelativeTo {
    dir: PathBuf,
    cache: HashMap<String, Option<String>>,
}

impl RelativeTo {
    /// `dir` need not exist (a baseline about to be written): then it is made absolute.
    pub fn new(dir: &Path) -> Self {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        Self {
            dir: std::fs::canonicalize(dir)
                .or_else(|_| std::path::absolute(dir))
                .unwrap_or_else(|_| dir.to_path_buf()),
            cache: HashMap::new(),
        }
    }

    /// `file` (as findings give it, relative to the current directory) relative to the
    /// directory, with `/` separators; `None` when it is not under it.
    pub fn get(&mut self, file: &str) -> Option<&str> {
        let dir = &self.dir;
        self.cache
            .entry(file.to_owned())
            .or_insert_with(|| {
                let abs = std::fs::canonicalize(file).ok()?;
                abs.strip_prefix(dir)
                    .ok()
                    .map(|r| r.to_string_lossy().replace('\\', "/"))
            })
            .as_deref()
    }
}
