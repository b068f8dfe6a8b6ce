//! Shannon entropy and character-class variety: cheap measures of "random-looking".

/// Shannon entropy in bits per byte.
pub fn shannon(bytes: &[u8]) -> f32 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[b as usize] += 1;
    }
    let n = bytes.len() as f32;
    let mut h = 0.0f32;
    for &c in counts.iter() {
        if c > 0 {
            let p = c as f32 / n;
            h -= p * p.log2();
        }
    }
    h
}

/// Which character classes occur: lower, upper, digit, other.
#[derive(Debug, Default, Clone, Copy)]
pub struct Classes {
    pub lower: bool,
    pub upper: bool,
    pub digit: bool,
    pub other: bool,
}

impl Classes {
    pub fn of(bytes: &[u8]) -> Classes {
        let mut c = Classes::default();
        for &b in bytes {
            match b {
                b'a'..=b'z' => c.lower = true,
                b'A'..=b'Z' => c.upper = true,
                b'0'..=b'9' => c.digit = true,
                _ => c.other = true,
            }
        }
        c
    }

    pub fn count(&self) -> u32 {
        self.lower as u32 + self.upper as u32 + self.digit as u32 + self.other as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_orders_random_above_repetitive() {
        assert_eq!(shannon(b"aaaaaaaa"), 0.0);
        assert!((shannon(b"abababab") - 1.0).abs() < 1e-6);
        assert!(shannon(b"q8Zr2LmX9vKp4TnW") > 3.5);
        assert_eq!(Classes::of(b"aB3!").count(), 4);
    }
}
