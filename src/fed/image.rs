//! Image references as Karmada's imageparser reads them (`distribution/reference.Parse`, no
//! normalisation: `nginx` has no registry), and the imageOverrider's component operations
//! (`pkg/util/overridemanager/imageoverride.go`).

/// A parsed image reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Registry host (with port), or empty.
    pub registry: String,
    /// Repository path.
    pub repository: String,
    /// Tag, or empty.
    pub tag: String,
    /// Digest (`algo:hex`), or empty.
    pub digest: String,
}

fn is_path_component(s: &str) -> bool {
    // [a-z0-9]+ ((\.|_|__|-+)[a-z0-9]+)*
    if s.is_empty() {
        return false;
    }
    let b = s.as_bytes();
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    if !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &s[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.chars().all(|c| c == '-');
        if !ok {
            return false;
        }
    }
    true
}

fn is_domain(s: &str) -> bool {
    // host[:port], host made of DNS labels (letters, digits, '-') joined by '.', or [ipv6].
    let (host, port) = match s.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || s.starts_with('[') => (h, Some(p)),
        _ => (s, None),
    };
    if let Some(p) = port
        && (p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    if host.starts_with('[') && host.ends_with(']') {
        return host[1..host.len() - 1]
            .parse::<std::net::Ipv6Addr>()
            .is_ok();
    }
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

fn is_tag(s: &str) -> bool {
    // [\w][\w.-]{0,127}
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if word(c))
        && s.len() <= 128
        && chars.all(|c| word(c) || c == '.' || c == '-')
}

fn is_digest(s: &str) -> bool {
    // algorithm:hex{32,}; algorithm = [A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*
    let Some((algo, hex)) = s.split_once(':') else {
        return false;
    };
    let algo_ok = !algo.is_empty()
        && algo.split(['-', '_', '+', '.']).all(|p| {
            let mut c = p.chars();
            matches!(c.next(), Some(f) if f.is_ascii_alphabetic())
                && c.all(|x| x.is_ascii_alphanumeric())
        });
    algo_ok && hex.len() >= 32 && hex.chars().all(|c| c.is_ascii_hexdigit())
}

impl Image {
    /// Parses `reference`; errors say what is wrong.
    pub fn parse(reference: &str) -> Result<Image, String> {
        if reference.is_empty() {
            return Err("empty image reference".into());
        }
        let (rest, digest) = match reference.split_once('@') {
            Some((r, d)) => {
                if !is_digest(d) {
                    return Err(format!("invalid digest in image {reference:?}"));
                }
                (r, d.to_string())
            }
            None => (reference, String::new()),
        };
        // A tag is after the last ':' that follows the last '/'.
        let last_slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => (
                &rest[..last_slash + i],
                rest[last_slash + i + 1..].to_string(),
            ),
            None => (rest, String::new()),
        };
        if !tag.is_empty() && !is_tag(&tag) {
            return Err(format!("invalid tag in image {reference:?}"));
        }
        if name.len() > 255 {
            return Err(format!(
                "image name longer than 255 characters: {reference:?}"
            ));
        }
        let parts: Vec<&str> = name.split('/').collect();
        let (registry, path) = if parts.len() > 1
            && (parts[0].contains('.') || parts[0].contains(':') || parts[0] == "localhost")
        {
            if !is_domain(parts[0]) {
                return Err(format!("invalid registry in image {reference:?}"));
            }
            (parts[0].to_string(), parts[1..].join("/"))
        } else {
            (String::new(), name.to_string())
        };
        if path.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(format!("repository name must be lowercase: {reference:?}"));
        }
        if !path.split('/').all(is_path_component) {
            return Err(format!("invalid repository in image {reference:?}"));
        }
        // With both a tag and a digest, Karmada's parser keeps only the tag.
        let digest = if tag.is_empty() {
            digest
        } else {
            String::new()
        };
        Ok(Image {
            registry,
            repository: path,
            tag,
            digest,
        })
    }

    /// The reference as Karmada renders it.
    pub fn render(&self) -> String {
        let mut s = String::new();
        if !self.registry.is_empty() {
            s.push_str(&self.registry);
            s.push('/');
        }
        s.push_str(&self.repository);
        if !self.tag.is_empty() {
            s.push(':');
            s.push_str(&self.tag);
        } else if !self.digest.is_empty() {
            s.push('@');
            s.push_str(&self.digest);
        }
        s
    }

    /// Applies one imageOverrider operation to one component.
    pub fn apply(&mut self, component: &str, operator: &str, value: &str) -> Result<(), String> {
        let op = |old: &str| -> Option<String> {
            match operator {
                "add" => Some(format!("{old}{value}")),
                "replace" => Some(value.to_string()),
                "remove" => Some(String::new()),
                _ => None,
            }
        };
        let bad_op = || format!("unknown imageOverrider operator {operator:?}");
        match component {
            "Registry" => self.registry = op(&self.registry).ok_or_else(bad_op)?,
            "Repository" => self.repository = op(&self.repository).ok_or_else(bad_op)?,
            "Tag" => {
                let current = if self.tag.is_empty() {
                    &self.digest
                } else {
                    &self.tag
                };
                let new = op(current).ok_or_else(bad_op)?;
                if new.is_empty() {
                    self.tag.clear();
                    self.digest.clear();
                } else if is_tag(&new) {
                    self.tag = new;
                    self.digest.clear();
                } else if is_digest(&new) {
                    self.digest = new;
                    self.tag.clear();
                }
                // Anything else leaves the image unchanged, as Karmada does.
            }
            other => return Err(format!("unknown imageOverrider component {other:?}")),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Cases derived from karmada pkg/util/imageparser/parser_test.go and
    // pkg/util/overridemanager/imageoverride_test.go, as summarised in the research brief §2.3.
    #[test]
    fn parsing_without_normalisation() {
        let i = Image::parse("nginx").unwrap();
        assert_eq!(
            (i.registry.as_str(), i.repository.as_str(), i.tag.as_str()),
            ("", "nginx", "")
        );
        let i = Image::parse("registry.k8s.io/pause:3.10").unwrap();
        assert_eq!(
            (i.registry.as_str(), i.repository.as_str(), i.tag.as_str()),
            ("registry.k8s.io", "pause", "3.10")
        );
        let i = Image::parse("localhost:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef").unwrap();
        assert_eq!(i.registry, "localhost:5000");
        assert_eq!(i.repository, "team/app");
        assert!(i.digest.starts_with("sha256:"));
        let i = Image::parse("library/busybox:1.36").unwrap();
        assert_eq!(
            i.registry, "",
            "the first segment is a registry only with '.', ':' or localhost"
        );
        assert!(Image::parse("Nginx").is_err());
        assert!(Image::parse("nginx:bad tag").is_err());
    }

    #[test]
    fn tag_and_digest_keeps_the_tag() {
        let i = Image::parse(
            "nginx:1.25@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        )
        .unwrap();
        assert_eq!(i.render(), "nginx:1.25");
    }

    #[test]
    fn operations() {
        let mut i = Image::parse("perl:5.34.0").unwrap();
        i.apply("Registry", "add", "registry.k8s.io").unwrap();
        assert_eq!(i.render(), "registry.k8s.io/perl:5.34.0");
        let mut i = Image::parse("a.b/app:v1").unwrap();
        i.apply("Registry", "add", ".test").unwrap();
        assert_eq!(i.render(), "a.b.test/app:v1");
        i.apply("Repository", "replace", "other/app").unwrap();
        i.apply("Tag", "replace", "v2").unwrap();
        assert_eq!(i.render(), "a.b.test/other/app:v2");
        i.apply("Registry", "remove", "").unwrap();
        assert_eq!(i.render(), "other/app:v2");
        // A tag value that is neither a tag nor a digest changes nothing.
        i.apply(
            "Tag",
            "replace",
            "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        )
        .unwrap();
        assert_eq!(i.render(), "other/app:v2");
        i.apply(
            "Tag",
            "replace",
            "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        )
        .unwrap();
        assert_eq!(
            i.render(),
            "other/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
        );
        let mut i = Image::parse("app:v1.0.0").unwrap();
        i.apply("Tag", "add", "sha256:0123").unwrap();
        assert_eq!(
            i.render(),
            "app:v1.0.0",
            "concatenation that is no tag: no change"
        );
    }
}
