//! Maven version ordering, as Maven's `ComparableVersion` defines it: the version is split
//! at `.`, at `-` and where digits meet letters; a `-` (or a digit/letter change) opens a
//! nested list; numbers compare as numbers; the known qualifiers order
//! `alpha` < `beta` < `milestone` < `rc` (= `cr`) < `snapshot` < release (`""`, `ga`,
//! `final`, `release`) < `sp`, and other qualifiers come after them, alphabetically;
//! `a1`/`b1`/`m1` are `alpha-1`/`beta-1`/`milestone-1`. Trailing zeros and release
//! qualifiers do not count (`1.0` = `1` = `1.0.0-ga`). No maintained Rust crate implements
//! this ordering, so it is written here from Maven's documented rules.

use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    /// A number, as its decimal digits without leading zeros (any length).
    Int(String),
    /// A qualifier, as its sortable key.
    Str(String),
    List(Vec<Item>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MavenVersion(Vec<Item>);

const QUALIFIERS: [&str; 7] = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
/// The key of a release (`""`): what a missing item compares as.
const RELEASE: &str = "5";

fn qualifier_key(q: &str, followed_by_digit: bool) -> String {
    let q = match q {
        "a" if followed_by_digit => "alpha",
        "b" if followed_by_digit => "beta",
        "m" if followed_by_digit => "milestone",
        "ga" | "final" | "release" => "",
        "cr" => "rc",
        other => other,
    };
    match QUALIFIERS.iter().position(|k| *k == q) {
        Some(i) => i.to_string(),
        None => format!("{}-{q}", QUALIFIERS.len()),
    }
}

fn int_item(digits: &str) -> Item {
    let t = digits.trim_start_matches('0');
    Item::Int(t.to_string())
}

fn is_null(i: &Item) -> bool {
    match i {
        Item::Int(s) => s.is_empty(),
        Item::Str(k) => k == RELEASE,
        Item::List(l) => l.is_empty(),
    }
}

/// Drop trailing null items of a list (Maven's `normalize`), stopping at a nested list.
fn normalize(list: &mut Vec<Item>) {
    let mut i = list.len();
    while i > 0 {
        i -= 1;
        if is_null(&list[i]) {
            list.remove(i);
        } else if !matches!(list[i], Item::List(_)) {
            break;
        }
    }
}

fn cmp_int(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// `a` against `b`, where `None` is a missing item.
fn cmp_item(a: &Item, b: Option<&Item>) -> Ordering {
    match (a, b) {
        (Item::Int(x), None) => {
            if x.is_empty() {
                Ordering::Equal
            } else {
                Ordering::Greater
            }
        }
        (Item::Int(x), Some(Item::Int(y))) => cmp_int(x, y),
        (Item::Int(_), Some(_)) => Ordering::Greater,
        (Item::Str(x), None) => x.as_str().cmp(RELEASE),
        (Item::Str(_), Some(Item::Int(_))) => Ordering::Less,
        (Item::Str(x), Some(Item::Str(y))) => x.cmp(y),
        (Item::Str(_), Some(Item::List(_))) => Ordering::Less,
        (Item::List(l), None) => match l.first() {
            None => Ordering::Equal,
            Some(f) => cmp_item(f, None),
        },
        (Item::List(_), Some(Item::Int(_))) => Ordering::Less,
        (Item::List(_), Some(Item::Str(_))) => Ordering::Greater,
        (Item::List(x), Some(Item::List(y))) => cmp_lists(x, y),
    }
}

fn cmp_lists(x: &[Item], y: &[Item]) -> Ordering {
    for i in 0..x.len().max(y.len()) {
        let o = match (x.get(i), y.get(i)) {
            (Some(l), r) => cmp_item(l, r),
            (None, Some(r)) => cmp_item(r, None).reverse(),
            (None, None) => Ordering::Equal,
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

impl MavenVersion {
    /// Any string is a Maven version; `None` only for empty or non-ASCII-printable input.
    pub fn parse(s: &str) -> Option<MavenVersion> {
        let s = s.trim().to_ascii_lowercase();
        if s.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        // A stack of open lists; items are appended to the innermost one.
        let mut stack: Vec<Vec<Item>> = vec![Vec::new()];
        let chars: Vec<char> = s.chars().collect();
        let mut start = 0;
        let mut digit = false;
        let token = |from: usize, to: usize, digit: bool, followed_by_digit: bool| {
            let t: String = chars[from..to].iter().collect();
            if digit {
                int_item(&t)
            } else {
                Item::Str(qualifier_key(&t, followed_by_digit))
            }
        };
        for (i, &c) in chars.iter().enumerate() {
            if c == '.' || c == '-' {
                let item = if i == start {
                    Item::Int(String::new())
                } else {
                    token(start, i, digit, false)
                };
                stack.last_mut().expect("root").push(item);
                start = i + 1;
                if c == '-' {
                    stack.push(Vec::new());
                }
            } else if c.is_ascii_digit() {
                if !digit && i > start {
                    // A qualifier directly followed by a number (`rc1`): `rc-1`.
                    let item = token(start, i, false, true);
                    stack.last_mut().expect("root").push(item);
                    start = i;
                    stack.push(Vec::new());
                }
                digit = true;
            } else {
                if digit && i > start {
                    let item = token(start, i, true, false);
                    stack.last_mut().expect("root").push(item);
                    start = i;
                    stack.push(Vec::new());
                }
                digit = false;
            }
        }
        if chars.len() > start {
            let item = token(start, chars.len(), digit, false);
            stack.last_mut().expect("root").push(item);
        }
        // Close the nested lists from the innermost out, each normalised.
        while stack.len() > 1 {
            let mut inner = stack.pop().expect("nested");
            normalize(&mut inner);
            stack.last_mut().expect("root").push(Item::List(inner));
        }
        let mut root = stack.pop().expect("root");
        normalize(&mut root);
        Some(MavenVersion(root))
    }
}

impl Ord for MavenVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_lists(&self.0, &other.0)
    }
}

impl PartialOrd for MavenVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
