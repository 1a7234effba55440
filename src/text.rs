//! Words for people: counts with the noun in the right number ("1 host", "2 hosts").

/// `n` and `noun`, plural unless `n` is 1: "1 host", "0 hosts", "3 policies". Only the last
/// word changes ("2 member objects").
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    format!("{n} {}", plural(noun))
}

/// English plural of a tcs noun: -y after a consonant becomes -ies, -s/-x/-sh/-ch take -es.
pub fn plural(noun: &str) -> String {
    let consonant_y = noun.len() > 1
        && noun.ends_with('y')
        && !noun[..noun.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if consonant_y {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if noun.ends_with(['s', 'x']) || noun.ends_with("sh") || noun.ends_with("ch") {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_both_numbers() {
        assert_eq!(count(1, "host"), "1 host");
        assert_eq!(count(0, "host"), "0 hosts");
        assert_eq!(count(2, "member object"), "2 member objects");
        assert_eq!(count(3, "policy"), "3 policies");
        assert_eq!(count(1, "policy"), "1 policy");
        assert_eq!(count(2, "key"), "2 keys");
        assert_eq!(count(2, "pass"), "2 passes");
        assert_eq!(count(4, "image pull"), "4 image pulls");
    }
}
