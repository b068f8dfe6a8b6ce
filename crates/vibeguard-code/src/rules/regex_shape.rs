//! Regular expressions whose structure makes a backtracking engine (Python `re`,
//! JavaScript, Java, PHP PCRE, Ruby) take exponential time: a quantified group that can
//! match the same text in more than one way — a quantifier nested inside another
//! (`(a+)+`, `(\w+\s?)*`) or alternatives that overlap (`(a|a)*`, `(\d|\w)+`).

/// What one position of the pattern can match, coarsely.
#[derive(Debug, Clone)]
enum Atom {
    Char(char),
    /// A character class: ranges, class escapes, negation.
    Class {
        ranges: Vec<(char, char)>,
        escapes: Vec<char>,
        negated: bool,
    },
    Any,
    Group(Vec<Vec<Item>>),
    /// Anchors and other zero-width assertions.
    Empty,
}

#[derive(Debug, Clone)]
struct Item {
    atom: Atom,
    min: u32,
    /// `None` for unbounded (`*`, `+`, `{n,}`).
    max: Option<u32>,
}

/// Characters used to decide whether two atoms can match the same character.
const PROBES: &[char] = &[
    'a', 'z', 'A', 'Z', 'm', '0', '9', '5', '_', ' ', '\t', '\n', '-', '.', '/', '@', ':', '"',
    '\'', '<', '>', '=', '&', '+', ',', ';', '(', ')', '\\', 'é',
];

fn escape_matches(e: char, c: char) -> bool {
    match e {
        'd' => c.is_ascii_digit(),
        'D' => !c.is_ascii_digit(),
        'w' => c.is_alphanumeric() || c == '_',
        'W' => !(c.is_alphanumeric() || c == '_'),
        's' => c.is_whitespace(),
        'S' => !c.is_whitespace(),
        other => other == c,
    }
}

impl Atom {
    fn matches(&self, c: char) -> bool {
        match self {
            Atom::Char(x) => *x == c,
            Atom::Any => c != '\n',
            Atom::Class {
                ranges,
                escapes,
                negated,
            } => {
                let hit = ranges.iter().any(|(a, b)| *a <= c && c <= *b)
                    || escapes.iter().any(|e| escape_matches(*e, c));
                hit != *negated
            }
            Atom::Group(alts) => alts.iter().any(|a| first_matches(a, c)),
            Atom::Empty => false,
        }
    }

    fn probes(&self, out: &mut Vec<char>) {
        match self {
            Atom::Char(c) => out.push(*c),
            Atom::Class { ranges, .. } => out.extend(ranges.iter().map(|(a, _)| *a)),
            Atom::Group(alts) => {
                for a in alts {
                    for i in a {
                        i.atom.probes(out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn first_matches(seq: &[Item], c: char) -> bool {
    for it in seq {
        if it.atom.matches(c) {
            return true;
        }
        if it.min > 0 && !matches!(it.atom, Atom::Empty) {
            return false;
        }
    }
    false
}

fn overlap(a: &Atom, b: &Atom) -> bool {
    let mut probes: Vec<char> = PROBES.to_vec();
    a.probes(&mut probes);
    b.probes(&mut probes);
    probes.iter().any(|c| a.matches(*c) && b.matches(*c))
}

struct Parser<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    depth: u32,
}

impl Parser<'_> {
    fn alternatives(&mut self) -> Option<Vec<Vec<Item>>> {
        self.depth += 1;
        if self.depth > 64 {
            return None;
        }
        let mut alts = vec![Vec::new()];
        while let Some(&c) = self.chars.peek() {
            match c {
                ')' => break,
                '|' => {
                    self.chars.next();
                    alts.push(Vec::new());
                }
                _ => {
                    let atom = self.atom()?;
                    let (min, max) = self.quantifier();
                    alts.last_mut()?.push(Item { atom, min, max });
                }
            }
        }
        self.depth -= 1;
        Some(alts)
    }

    fn atom(&mut self) -> Option<Atom> {
        let c = self.chars.next()?;
        Some(match c {
            '.' => Atom::Any,
            '^' | '$' => Atom::Empty,
            '(' => {
                // (?:...), (?P<name>...), (?=...) lookarounds count as groups.
                if self.chars.peek() == Some(&'?') {
                    self.chars.next();
                    let next = self.chars.peek().copied();
                    let mut ahead = self.chars.clone();
                    ahead.next();
                    let lookaround = matches!(ahead.peek(), Some('=') | Some('!'));
                    if matches!(next, Some('P') | Some('<')) && !lookaround {
                        for ch in self.chars.by_ref() {
                            if ch == '>' {
                                break;
                            }
                        }
                    } else {
                        self.chars.next();
                    }
                }
                let alts = self.alternatives()?;
                self.chars.next();
                Atom::Group(alts)
            }
            '[' => self.class(),
            '\\' => {
                let e = self.chars.next()?;
                match e {
                    'd' | 'D' | 'w' | 'W' | 's' | 'S' => Atom::Class {
                        ranges: Vec::new(),
                        escapes: vec![e],
                        negated: false,
                    },
                    'b' | 'B' | 'A' | 'Z' | 'z' | 'G' => Atom::Empty,
                    'n' => Atom::Char('\n'),
                    't' => Atom::Char('\t'),
                    other => Atom::Char(other),
                }
            }
            other => Atom::Char(other),
        })
    }

    fn class(&mut self) -> Atom {
        let mut ranges = Vec::new();
        let mut escapes = Vec::new();
        let negated = self.chars.peek() == Some(&'^');
        if negated {
            self.chars.next();
        }
        let mut first = true;
        while let Some(c) = self.chars.next() {
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = if c == '\\' {
                match self.chars.next() {
                    Some(e @ ('d' | 'D' | 'w' | 'W' | 's' | 'S')) => {
                        escapes.push(e);
                        continue;
                    }
                    Some('n') => '\n',
                    Some('t') => '\t',
                    Some(o) => o,
                    None => break,
                }
            } else {
                c
            };
            let mut it = self.chars.clone();
            if it.next() == Some('-') && it.peek().is_some_and(|n| *n != ']') {
                self.chars.next();
                let hi = self.chars.next().unwrap_or(lo);
                let hi = if hi == '\\' {
                    self.chars.next().unwrap_or(lo)
                } else {
                    hi
                };
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        Atom::Class {
            ranges,
            escapes,
            negated,
        }
    }

    fn quantifier(&mut self) -> (u32, Option<u32>) {
        let q = match self.chars.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                let mut it = self.chars.clone();
                it.next();
                let mut body = String::new();
                for c in it.by_ref() {
                    if c == '}' {
                        break;
                    }
                    body.push(c);
                }
                let parts: Vec<&str> = body.split(',').collect();
                let min = parts.first().and_then(|p| p.trim().parse().ok());
                let Some(min) = min else { return (1, Some(1)) };
                let max = match parts.get(1) {
                    None => Some(min),
                    Some(p) if p.trim().is_empty() => None,
                    Some(p) => p
                        .trim()
                        .parse()
                        .ok()
                        .map(|m: u32| if m > 50 { u32::MAX } else { m }),
                };
                for _ in 0..body.len() + 1 {
                    self.chars.next();
                }
                let max = max.filter(|m| *m != u32::MAX);
                self.chars.next();
                // `{1,1000}` behaves like `+` for backtracking.
                return (min, max);
            }
            _ => return (1, Some(1)),
        };
        self.chars.next();
        // Lazy and possessive markers change the order, not the ambiguity.
        if matches!(self.chars.peek(), Some('?') | Some('+')) {
            self.chars.next();
        }
        q
    }
}

/// Unbounded, or bounded so high that backtracking over it is as bad.
fn unbounded(i: &Item) -> bool {
    i.max.is_none_or(|m| m > 8)
}

/// Does a quantified group's body match some text in more than one way?
fn ambiguous_body(alts: &[Vec<Item>]) -> bool {
    // Overlapping alternatives: (a|a), (\d|\w), (a|ab).
    for (i, a) in alts.iter().enumerate() {
        for b in &alts[i + 1..] {
            if let (Some(x), Some(y)) = (a.first(), b.first())
                && overlap(&x.atom, &y.atom)
            {
                return true;
            }
            if a.is_empty() || b.is_empty() {
                return true;
            }
        }
    }
    for seq in alts {
        // A nested unbounded quantifier whose repetitions are not separated by a
        // required, non-overlapping item: (a+)+, (\w+\s?)+, (a*b?)*.
        for (k, it) in seq.iter().enumerate() {
            if !unbounded(it) {
                continue;
            }
            let separated = seq.iter().enumerate().any(|(j, other)| {
                j != k
                    && other.min > 0
                    && !matches!(other.atom, Atom::Empty)
                    && !overlap(&other.atom, &it.atom)
            });
            if !separated {
                return true;
            }
        }
        // Two adjacent unbounded items that overlap: (\d+\d+)+, (.*a.*)*.
        for w in seq.windows(2) {
            if unbounded(&w[0]) && unbounded(&w[1]) && overlap(&w[0].atom, &w[1].atom) {
                return true;
            }
        }
    }
    false
}

fn catastrophic_seq(seq: &[Item]) -> bool {
    for it in seq {
        if let Atom::Group(alts) = &it.atom {
            if unbounded(it) && ambiguous_body(alts) {
                return true;
            }
            if alts.iter().any(|a| catastrophic_seq(a)) {
                return true;
            }
        }
    }
    false
}

/// Can this pattern take exponential time on some input?
pub fn is_catastrophic(pattern: &str) -> bool {
    if pattern.len() > 4096 {
        return false;
    }
    let mut p = Parser {
        chars: pattern.chars().peekable(),
        depth: 0,
    };
    let Some(alts) = p.alternatives() else {
        return false;
    };
    alts.iter().any(|a| catastrophic_seq(a))
}

#[cfg(test)]
mod tests {
    use super::is_catastrophic;

    #[test]
    fn nested_and_overlapping_quantifiers() {
        for bad in [
            "(a+)+$",
            r"^(\w+\s?)*$",
            "(a|a)*b",
            r"(\d|\w)+x",
            r"^(([a-z])+.)+[A-Z]([a-z])+$",
            "(.*a){12}",
            r"^([a-zA-Z0-9]+)*@",
            "(x+x+)+y",
        ] {
            assert!(is_catastrophic(bad), "{bad}");
        }
    }

    #[test]
    fn linear_patterns() {
        for ok in [
            r"^[a-z0-9_]+$",
            r"(\w+\s)+end",
            r"^\d{3}-\d{4}$",
            "([a-z]+\\.)*com",
            r"^https?://[^/]+/",
            "(ab|cd)+",
            "a+b+c+",
            r"(?P<year>\d{4})-(?P<m>\d\d)",
        ] {
            assert!(!is_catastrophic(ok), "{ok}");
        }
    }
}
