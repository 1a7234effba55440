//! Replica division: Karmada's Webster / Sainte-Laguë highest averages
//! (`pkg/util/helper/webstermethod.go AllocateWebsterSeats`), with its tie-breaks, and the
//! capacity estimate from a cluster's resource summary (the general estimator).

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::Value;

/// One party of a division: a cluster with its weight and the seats it starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// Cluster name.
    pub name: String,
    /// Weight ("votes").
    pub votes: i64,
    /// Seats (replicas) it already has.
    pub seats: i64,
}

/// 32-bit FNV-1a.
pub fn fnv32a(bytes: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c9dc5;
    for b in bytes {
        hash ^= u32::from(*b);
        hash = hash.wrapping_mul(0x01000193);
    }
    hash
}

/// Gives `new_seats` seats one at a time to the party with the largest `votes / (2*seats + 1)`.
/// Ties go to the party with fewer seats, then by name: the larger name when fnv32a of `uid` is
/// odd, else the smaller (an empty UID: the smaller). Returns every party sorted by name.
pub fn webster(new_seats: i64, mut parties: Vec<Party>, uid: &str) -> Vec<Party> {
    let larger_name_wins = !uid.is_empty() && fnv32a(uid.as_bytes()) % 2 == 1;
    for _ in 0..new_seats.max(0) {
        let mut best: Option<usize> = None;
        for (i, p) in parties.iter().enumerate() {
            let Some(b) = best else {
                best = Some(i);
                continue;
            };
            let q = &parties[b];
            let pa = p.votes as f64 / (2 * p.seats + 1) as f64;
            let qa = q.votes as f64 / (2 * q.seats + 1) as f64;
            let better = match pa.partial_cmp(&qa).unwrap_or(Ordering::Equal) {
                Ordering::Greater => true,
                Ordering::Less => false,
                Ordering::Equal => match p.seats.cmp(&q.seats) {
                    Ordering::Less => true,
                    Ordering::Greater => false,
                    Ordering::Equal => {
                        if larger_name_wins {
                            p.name > q.name
                        } else {
                            p.name < q.name
                        }
                    }
                },
            };
            if better {
                best = Some(i);
            }
        }
        match best {
            Some(i) => parties[i].seats += 1,
            None => break,
        }
    }
    parties.sort_by(|a, b| a.name.cmp(&b.name));
    parties
}

/// Parses a Kubernetes quantity (`500m`, `2`, `1.5Gi`, `1e3`) into thousandths.
pub fn parse_quantity_milli(q: &Value) -> Option<i128> {
    let text = match q {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let factor: f64 = match suffix {
        "" => 1.0,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        s if s.starts_with(['e', 'E']) => 10f64.powi(s[1..].parse().ok()?),
        _ => return None,
    };
    Some((number * factor * 1000.0).round() as i128)
}

/// How many more replicas with `requests` (per replica, in milli-units) fit into a cluster with
/// this summary: per resource `(allocatable - allocated - allocating) / request`, the minimum
/// over resources and free pod slots (which bound it alone when nothing is requested).
pub fn available_replicas(
    summary: Option<&super::types::ResourceSummary>,
    requests: &BTreeMap<String, i128>,
) -> i64 {
    let Some(summary) = summary else {
        // No summary: the general estimator reports no room.
        return 0;
    };
    let free = |name: &str| -> Option<i128> {
        let get =
            |m: &BTreeMap<String, Value>| m.get(name).and_then(parse_quantity_milli).unwrap_or(0);
        summary.allocatable.get(name)?;
        Some(
            (get(&summary.allocatable) - get(&summary.allocated) - get(&summary.allocating)).max(0),
        )
    };
    // The pod count bounds every workload, with or without requests (general.go
    // maxAvailableReplicas: no pods free, no room).
    let mut bound: i128 = free("pods").map_or(0, |p| p / 1000);
    if bound <= 0 {
        return 0;
    }
    for (resource, per_replica) in requests {
        if *per_replica <= 0 {
            continue;
        }
        let fits = match free(resource) {
            Some(f) => f / per_replica,
            None => 0,
        };
        bound = bound.min(fits);
    }
    bound.clamp(0, i64::MAX as i128) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parties(weights: &[(&str, i64)]) -> Vec<Party> {
        weights
            .iter()
            .map(|(n, w)| Party {
                name: n.to_string(),
                votes: *w,
                seats: 0,
            })
            .collect()
    }

    fn seats(p: Vec<Party>) -> Vec<i64> {
        p.into_iter().map(|p| p.seats).collect()
    }

    // The examples of karmada pkg/util/helper/webstermethod_test.go, as summarised in
    // shared/research/karmada-semantics.md section 1.8 (empty UID).
    #[test]
    fn karmada_examples() {
        let w = [("member1", 3), ("member2", 2), ("member3", 1)];
        assert_eq!(seats(webster(12, parties(&w), "")), [6, 4, 2]);
        assert_eq!(seats(webster(13, parties(&w), "")), [7, 4, 2]);
        assert_eq!(seats(webster(14, parties(&w), "")), [7, 5, 2]);
        assert_eq!(
            seats(webster(3, parties(&[("member1", 1), ("member2", 1)]), "")),
            [2, 1]
        );
        assert_eq!(
            seats(webster(
                5,
                parties(&[("member1", 170), ("member2", 110), ("member3", 60)]),
                ""
            )),
            [2, 2, 1]
        );
        assert_eq!(
            seats(webster(
                10,
                parties(&[("member1", 1), ("member2", 1), ("member3", 1)]),
                ""
            )),
            [4, 3, 3]
        );
    }

    #[test]
    fn uid_parity_decides_name_ties() {
        let even = (0..100)
            .map(|i| format!("uid-{i}"))
            .find(|u| fnv32a(u.as_bytes()).is_multiple_of(2))
            .unwrap();
        let odd = (0..100)
            .map(|i| format!("uid-{i}"))
            .find(|u| fnv32a(u.as_bytes()) % 2 == 1)
            .unwrap();
        let w = [("member1", 1), ("member2", 1), ("member3", 1)];
        assert_eq!(seats(webster(10, parties(&w), &even)), [4, 3, 3]);
        assert_eq!(seats(webster(10, parties(&w), &odd)), [3, 3, 4]);
    }

    #[test]
    fn fnv_reference_values() {
        // Published FNV-1a 32-bit test vectors.
        assert_eq!(fnv32a(b""), 0x811c9dc5);
        assert_eq!(fnv32a(b"a"), 0xe40c292c);
        assert_eq!(fnv32a(b"foobar"), 0xbf9cf968);
    }

    #[test]
    fn quantities() {
        use serde_json::json;
        assert_eq!(parse_quantity_milli(&json!("500m")), Some(500));
        assert_eq!(parse_quantity_milli(&json!("2")), Some(2000));
        assert_eq!(parse_quantity_milli(&json!(4)), Some(4000));
        assert_eq!(
            parse_quantity_milli(&json!("1Gi")),
            Some(1024i128.pow(3) * 1000)
        );
        assert_eq!(parse_quantity_milli(&json!("1.5k")), Some(1_500_000));
        assert_eq!(parse_quantity_milli(&json!("1e3")), Some(1_000_000));
        assert_eq!(parse_quantity_milli(&json!("x")), None);
    }

    #[test]
    fn capacity_from_summary() {
        use serde_json::json;
        let summary: super::super::types::ResourceSummary = serde_json::from_value(json!({
            "allocatable": {"cpu": "10", "memory": "20Gi", "pods": 110},
            "allocated": {"cpu": "4", "memory": "4Gi", "pods": 10},
            "allocating": {"cpu": "1"}
        }))
        .unwrap();
        let mut req = BTreeMap::new();
        req.insert("cpu".to_string(), 500);
        assert_eq!(available_replicas(Some(&summary), &req), 10);
        req.insert("memory".to_string(), 2 * 1024i128.pow(3) * 1000);
        assert_eq!(available_replicas(Some(&summary), &req), 8);
        // Without requests the free pod count still bounds it (general.go maxAvailableReplicas).
        assert_eq!(available_replicas(Some(&summary), &BTreeMap::new()), 100);
        assert_eq!(available_replicas(None, &req), 0);
    }
}
