//! Words for people: counts with the noun in the right number ("1 host", "2 hosts"), and
//! tables aligned as kubectl prints them. Reports render themselves with these for the command
//! line, the sandbox and logs alike; which format to print is the caller's choice.

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

/// Aligns rows of cells into columns under `header`, as kubectl prints tables (cells may carry
/// colours). A row with fewer cells leaves the rest of its line empty.
pub fn table<R, C>(header: &[&str], rows: R) -> String
where
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = String>,
{
    use std::io::Write;
    let mut tw = tabwriter::TabWriter::new(Vec::new()).padding(2);
    let mut line = |cells: Vec<String>| {
        let _ = writeln!(tw, "{}", cells.join("\t"));
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for r in rows {
        line(r.into_iter().collect());
    }
    let bytes = tw.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `-` for an empty value.
pub fn or_dash(s: impl Into<String>) -> String {
    let s = s.into();
    if s.is_empty() { "-".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_coloured_cells() {
        console::set_colors_enabled(true);
        let ok = console::style("ok").green().force_styling(true).to_string();
        let t = table(
            &["HOST", "STATUS", "NOTE"],
            [
                vec!["a".to_string(), ok, "x".into()],
                vec!["long-name".to_string(), "FAIL".into()],
            ],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(
            console::strip_ansi_codes(lines[0]),
            "HOST       STATUS  NOTE"
        );
        assert_eq!(console::strip_ansi_codes(lines[1]), "a          ok      x");
        assert_eq!(lines[2], "long-name  FAIL");
    }

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
