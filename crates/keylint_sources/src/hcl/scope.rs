//! What the expressions of one module can refer to: variables, locals, data sources,
//! the unit's texts and the files `file()` loads, and the evaluation budget.

pub use crate::FileLoader;
use rustc_hash::FxHashMap as HashMap;
use std::cell::{Cell, RefCell};

use crate::budget::{Budget, cost};
use std::rc::Rc;

use hcl_edit::expr::Expression;
use hcl_edit::structure::Block;
use keylint_model::{Loc, Node, Val};

/// Everything expressions of one module can refer to.
pub struct Module<'a> {
    pub dir: String,
    /// Where the module's resources live: `module.NAME[KEY].` for a called module, empty
    /// for the root. References to its resources (`Val::Ref`) name these addresses.
    pub address_prefix: String,
    /// Texts of the unit's files by file id; files loaded by `file()` are appended.
    pub texts: RefCell<Vec<(String, Rc<String>)>>,
    pub vars: HashMap<String, Node>,
    pub locals: HashMap<String, (u32, &'a Expression)>,
    pub data: HashMap<(String, String), (u32, &'a Block)>,
    pub loader: &'a dyn FileLoader,
    /// Evaluated locals with their cost; `None` while one is being evaluated.
    pub(super) local_cache: RefCell<HashMap<String, Option<(Node, u64)>>>,
    pub(super) data_cache: RefCell<HashMap<(String, String), Node>>,
    /// The locals being evaluated, outermost first.
    pub(super) local_stack: RefCell<Vec<String>>,
    /// Reference cycles among locals, each as the names around it.
    pub(super) cycles: RefCell<Vec<Vec<String>>>,
    /// What evaluation may still do (see [`crate::budget`]).
    pub(super) budget: Budget,
    /// A called module ran over the budget and said so itself.
    pub(super) over_budget_told: Cell<bool>,
    /// An expression failed as Terraform would reject it (a missing attribute or key of a
    /// known object, an index past the end of a known list): what `try` and `can` catch.
    /// The failing value itself is unknown.
    pub(super) failed: Cell<bool>,
}

impl<'a> Module<'a> {
    #[must_use]
    pub fn new(dir: String, texts: Vec<(String, Rc<String>)>, loader: &'a dyn FileLoader) -> Self {
        let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
        Self {
            budget: Budget::for_bytes(bytes),
            over_budget_told: Cell::new(false),
            failed: Cell::new(false),
            local_stack: RefCell::new(Vec::new()),
            cycles: RefCell::new(Vec::new()),
            dir,
            address_prefix: String::new(),
            texts: RefCell::new(texts),
            vars: HashMap::default(),
            locals: HashMap::default(),
            data: HashMap::default(),
            loader,
            local_cache: RefCell::new(HashMap::default()),
            data_cache: RefCell::new(HashMap::default()),
        }
    }

    /// Text of a file of the unit (shared, not copied).
    /// The unit's files, `file()`-loaded ones last.
    #[must_use]
    pub fn into_texts(self) -> Vec<(String, Rc<String>)> {
        self.texts.into_inner()
    }

    pub fn text_of(&self, file: u32) -> Option<Rc<String>> {
        self.texts
            .borrow()
            .get(file as usize)
            .map(|(_, t)| Rc::clone(t))
    }

    pub(super) fn charge(&self, units: u64, loc: Option<Loc>) -> bool {
        self.budget.charge(units, loc)
    }

    /// Evaluate a called module on what its caller has left: one budget for the unit.
    pub fn take_budget_of(&self, caller: &Module<'_>) {
        self.budget.take_from(&caller.budget);
    }

    /// Hand what is left back to the caller (after [`Module::take_budget_of`]).
    pub fn give_budget_back(&self, caller: &Module<'_>) {
        self.budget.give_to(&caller.budget);
        if self.budget.spent() || self.over_budget_told.get() {
            caller.over_budget_told.set(true);
        }
    }

    /// A copy of `value`, charged; unknown when the budget is spent.
    pub(super) fn copy(&self, value: &Node, loc: Option<Loc>) -> Node {
        if !self.budget.spent() && self.charge(cost(value), loc) {
            value.clone()
        } else {
            Node::new(Val::Unknown, loc)
        }
    }

    /// `var.<name>`: the variable's value (default or tfvars), charged.
    pub(super) fn var(&self, name: &str, loc: Option<Loc>) -> Node {
        self.vars
            .get(name)
            .map_or_else(Node::unknown, |v| self.copy(v, loc))
    }
    /// A path named in the module: relative to the module, unless it already starts with
    /// the module's directory (`"${path.module}/x"`).
    pub(super) fn resolve(&self, path: &str) -> String {
        let rel = path.strip_prefix("./").unwrap_or(path);
        let dir = self.dir.strip_prefix("./").unwrap_or(&self.dir);
        normalize(&if dir.is_empty()
            || dir == "."
            || rel.starts_with('/')
            || rel == dir
            || rel.starts_with(&format!("{}/", dir.trim_end_matches('/')))
        {
            rel.to_owned()
        } else {
            format!("{dir}/{rel}")
        })
    }

    /// `fileset(dir, pattern)`: the files under `dir` (named relative to it) whose path
    /// matches `pattern` (`*` and `?` within a name, literal directories before it).
    /// `None` when that cannot be known: other glob syntax, or no file found (a loader
    /// that cannot list says nothing).
    pub(super) fn fileset(&self, dir: &str, pattern: &str) -> Option<Vec<String>> {
        if pattern.contains(['[', '{', '\\']) || pattern.contains("**") {
            return None;
        }
        let (sub, name) = pattern.rsplit_once('/').unwrap_or(("", pattern));
        if sub.contains(['*', '?']) {
            return None;
        }
        let base = self.resolve(dir);
        let listed = normalize(&format!("{base}/{sub}"));
        let files = self
            .loader
            .list(if listed.is_empty() { "." } else { &listed });
        let mut out: Vec<String> = files
            .iter()
            .filter_map(|f| {
                let file_name = f.rsplit('/').next()?;
                glob(name, file_name).then(|| {
                    if sub.is_empty() {
                        file_name.to_owned()
                    } else {
                        format!("{sub}/{file_name}")
                    }
                })
            })
            .collect();
        if out.is_empty() {
            return None;
        }
        out.sort();
        Some(out)
    }

    /// A file named by `file()`, relative to the module, read once and added to the unit.
    pub(super) fn load_file(&self, path: &str) -> Option<(u32, Rc<String>)> {
        let full = self.resolve(path);
        let mut texts = self.texts.borrow_mut();
        let index = match texts.iter().position(|(p, _)| *p == full) {
            Some(i) => i,
            None => {
                texts.push((full.clone(), Rc::new(self.loader.load(&full)?)));
                texts.len() - 1
            }
        };
        Some((u32::try_from(index).ok()?, Rc::clone(&texts.get(index)?.1)))
    }
}

/// Whether a file name matches a glob of `*` (any run of characters) and `?` (one).
pub(super) fn glob(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // Classic two-pointer match with backtracking to the last `*`.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ni));
                pi += 1;
            }
            Some(c) if *c == '?' || Some(c) == n.get(ni) => {
                pi += 1;
                ni += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    pi = sp + 1;
                    ni = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..).unwrap_or_default().iter().all(|c| *c == '*')
}

/// Resolve `.` and `..` segments of a relative path.
#[must_use]
pub fn normalize(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|s| *s != "..") {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if path.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}
