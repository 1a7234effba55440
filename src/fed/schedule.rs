//! Scheduling one resource: candidate clusters, `clusterAffinities` terms, spread constraints,
//! and replica assignment (`pkg/scheduler/core`, `pkg/scheduler/framework/plugins`), with the
//! webhook's defaults applied first.

use std::collections::BTreeMap;

use super::Template;
use super::divide::{Party, available_replicas, webster};
use super::matching::{cluster_matches, taints_tolerated};
use super::types::{Cluster, ClusterAffinity, Placement, SpreadConstraint, TargetCluster};

/// A scheduled cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// Cluster name.
    pub cluster: String,
    /// Replicas there (None for resources without replicas).
    pub replicas: Option<i64>,
}

/// How replicas are scheduled, after Karmada's defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    Duplicated,
    Static,
    Dynamic,
    Aggregated,
}

fn mode(placement: &Placement) -> Mode {
    let Some(rs) = &placement.replica_scheduling else {
        return Mode::Duplicated; // nil strategy: Duplicated
    };
    // CRD default Divided; webhook default Weighted for Divided.
    if rs.replica_scheduling_type.as_deref().unwrap_or("Divided") == "Duplicated" {
        return Mode::Duplicated;
    }
    match rs
        .replica_division_preference
        .as_deref()
        .unwrap_or("Weighted")
    {
        "Aggregated" => Mode::Aggregated,
        _ => match &rs.weight_preference {
            Some(w) if w.dynamic_weight.as_deref().is_some_and(|d| !d.is_empty()) => Mode::Dynamic,
            _ => Mode::Static,
        },
    }
}

/// Spread constraints with the webhook's defaults.
fn spread(placement: &Placement) -> Vec<SpreadConstraint> {
    placement
        .spread_constraints
        .iter()
        .flatten()
        .map(|c| {
            let mut c = c.clone();
            if c.spread_by_field.as_deref().unwrap_or("").is_empty()
                && c.spread_by_label.as_deref().unwrap_or("").is_empty()
            {
                c.spread_by_field = Some("cluster".into());
            }
            if c.min_groups.unwrap_or(0) == 0 {
                c.min_groups = Some(1);
            }
            c
        })
        .collect()
}

fn field_of<'a>(cluster: &'a Cluster, field: &str) -> Option<&'a str> {
    match field {
        "region" => cluster.spec.region.as_deref(),
        "provider" => cluster.spec.provider.as_deref(),
        "zone" => cluster
            .spec
            .zones
            .first()
            .map(String::as_str)
            .or(cluster.spec.zone.as_deref()),
        _ => Some(cluster.metadata.name.as_str()),
    }
    .filter(|v| !v.is_empty())
}

struct Candidate<'a> {
    cluster: &'a Cluster,
    /// Free capacity (None: unbounded).
    capacity: Option<i64>,
    /// Replicas the previous binding had here.
    previous: i64,
    /// ClusterLocality: 100 when already scheduled here.
    score: i64,
}

impl Candidate<'_> {
    fn name(&self) -> &str {
        &self.cluster.metadata.name
    }
    /// Available replicas for sorting: capacity plus what is already here.
    fn available(&self, desired: i64) -> i64 {
        self.capacity
            .unwrap_or(desired)
            .saturating_add(self.previous)
    }
}

/// Schedules `t` under `placement` over `clusters`; `previous` is the last placement (from a
/// ResourceBinding) and `uid` the template's UID for Webster's tie-break.
pub fn schedule(
    t: &Template,
    placement: &Placement,
    clusters: &[Cluster],
    previous: &[TargetCluster],
    uid: &str,
) -> Result<Vec<Assignment>, String> {
    let terms: Vec<ClusterAffinity> = match placement.cluster_affinities.as_deref() {
        Some(terms) if !terms.is_empty() => terms.iter().map(|t| t.affinity()).collect(),
        _ => vec![placement.cluster_affinity.clone().unwrap_or_default()],
    };
    let mut first_error = None;
    for term in &terms {
        match schedule_term(t, placement, term, clusters, previous, uid) {
            Ok(a) => return Ok(a),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| "no cluster fits".into()))
}

fn schedule_term(
    t: &Template,
    placement: &Placement,
    affinity: &ClusterAffinity,
    clusters: &[Cluster],
    previous: &[TargetCluster],
    uid: &str,
) -> Result<Vec<Assignment>, String> {
    let mode = mode(placement);
    let constraints = spread(placement);
    let tolerations = placement.cluster_tolerations.clone().unwrap_or_default();
    let prev: BTreeMap<&str, i64> = previous
        .iter()
        .map(|p| (p.name.as_str(), p.replicas.unwrap_or(0)))
        .collect();
    let desired = t.replicas.unwrap_or(0);
    let requests = t.requests.clone().unwrap_or_default();

    let spread_fields: Vec<&str> = constraints
        .iter()
        .filter_map(|c| c.spread_by_field.as_deref())
        .filter(|f| *f != "cluster")
        .collect();
    let mut candidates: Vec<Candidate> = Vec::new();
    for c in clusters {
        let name = c.metadata.name.as_str();
        if c.metadata.rest.contains_key("deletionTimestamp") || !cluster_matches(c, affinity) {
            continue;
        }
        // Tolerations are not re-checked for clusters already scheduled.
        if !prev.contains_key(name) && !taints_tolerated(c, &tolerations) {
            continue;
        }
        if let Some(enabled) = &c.status.api_enablements {
            let served = enabled.iter().any(|g| {
                g.group_version == t.api_version && g.resources.iter().any(|r| r.kind == t.kind)
            });
            if !served {
                continue;
            }
        }
        if spread_fields.iter().any(|f| field_of(c, f).is_none()) {
            continue;
        }
        candidates.push(Candidate {
            cluster: c,
            capacity: if t.is_workload() {
                available_replicas(c.status.resource_summary.as_ref(), &requests)
            } else {
                None
            },
            previous: prev.get(name).copied().unwrap_or(0),
            score: if prev.contains_key(name) { 100 } else { 0 },
        });
    }
    if candidates.is_empty() {
        return Err(
            "no cluster fits the placement (affinity, taints, API enablement or spread fields)"
                .into(),
        );
    }

    // Spread constraints are ignored entirely for static weights.
    if !constraints.is_empty() && mode != Mode::Static {
        candidates = select_by_spread(
            candidates,
            &constraints,
            mode != Mode::Duplicated && t.is_workload(),
            desired,
        )?;
    }

    if !t.is_workload() {
        let mut out: Vec<Assignment> = candidates
            .iter()
            .map(|c| Assignment {
                cluster: c.name().to_string(),
                replicas: None,
            })
            .collect();
        out.sort_by(|a, b| a.cluster.cmp(&b.cluster));
        return Ok(out);
    }
    let result: Vec<(String, i64)> = match mode {
        Mode::Duplicated => candidates
            .iter()
            .map(|c| (c.name().to_string(), desired))
            .collect(),
        Mode::Static => static_weights(&candidates, placement, desired, uid),
        Mode::Dynamic | Mode::Aggregated => {
            steady(&candidates, mode == Mode::Aggregated, desired, uid)?
        }
    };
    let mut out: Vec<Assignment> = result
        .into_iter()
        .filter(|(_, r)| mode == Mode::Duplicated || *r > 0)
        .map(|(cluster, r)| Assignment {
            cluster,
            replicas: Some(r),
        })
        .collect();
    out.sort_by(|a, b| a.cluster.cmp(&b.cluster));
    if out.is_empty() {
        return Err("no cluster received replicas".into());
    }
    Ok(out)
}

fn sort_candidates(candidates: &mut [Candidate], desired: i64) {
    candidates.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.available(desired).cmp(&a.available(desired)))
            .then(a.name().cmp(b.name()))
    });
}

fn select_by_spread<'a>(
    mut candidates: Vec<Candidate<'a>>,
    constraints: &[SpreadConstraint],
    needs_capacity: bool,
    desired: i64,
) -> Result<Vec<Candidate<'a>>, String> {
    let by = |f: &str| {
        constraints
            .iter()
            .find(|c| c.spread_by_field.as_deref() == Some(f))
    };
    let cluster_c = by("cluster");
    let region_c = by("region");
    if cluster_c.is_none() && region_c.is_none() {
        return Err("just support cluster and region spread constraint".into());
    }
    sort_candidates(&mut candidates, desired);
    let max_of = |c: Option<&SpreadConstraint>| {
        c.and_then(|c| c.max_groups)
            .filter(|m| *m > 0)
            .map(|m| m as usize)
    };
    let min_of =
        |c: Option<&SpreadConstraint>| c.and_then(|c| c.min_groups).unwrap_or(1).max(0) as usize;

    let mut selected: Vec<Candidate> = if let Some(rc) = region_c {
        // Group by region; regions ordered by their best cluster's score, then capacity, then name.
        let mut regions: Vec<(String, i64, i64)> = Vec::new();
        for c in &candidates {
            let r = field_of(c.cluster, "region").unwrap_or("").to_string();
            match regions.iter_mut().find(|(name, _, _)| *name == r) {
                Some(entry) => {
                    entry.1 = entry.1.max(c.score);
                    entry.2 += c.available(desired);
                }
                None => regions.push((r, c.score, c.available(desired))),
            }
        }
        regions.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
        if regions.len() < min_of(Some(rc)) {
            return Err(format!(
                "{} regions fit, the spread constraint needs at least {}",
                regions.len(),
                min_of(Some(rc))
            ));
        }
        let chosen: Vec<String> = regions
            .into_iter()
            .take(max_of(Some(rc)).unwrap_or(usize::MAX))
            .map(|r| r.0)
            .collect();
        let limit = max_of(cluster_c).unwrap_or(usize::MAX);
        // One cluster from each chosen region first, then the best of the rest.
        let mut picked: Vec<usize> = Vec::new();
        for region in &chosen {
            if let Some(i) = candidates
                .iter()
                .position(|c| field_of(c.cluster, "region") == Some(region.as_str()))
            {
                picked.push(i);
            }
        }
        for (i, c) in candidates.iter().enumerate() {
            if picked.len() >= limit {
                break;
            }
            let in_region =
                field_of(c.cluster, "region").is_some_and(|r| chosen.iter().any(|x| x == r));
            if in_region && !picked.contains(&i) {
                picked.push(i);
            }
        }
        picked.truncate(limit.max(chosen.len()));
        picked.sort_unstable();
        let mut out = Vec::new();
        for (i, c) in candidates.into_iter().enumerate() {
            if picked.contains(&i) {
                out.push(c);
            }
        }
        sort_candidates(&mut out, desired);
        out
    } else {
        let cc = cluster_c.expect("checked above");
        if candidates.len() < min_of(Some(cc)) {
            return Err(format!(
                "{} clusters fit, the spread constraint needs at least {}",
                candidates.len(),
                min_of(Some(cc))
            ));
        }
        let take = candidates.len().min(max_of(Some(cc)).unwrap_or(usize::MAX));
        let rest = candidates.split_off(take);
        let mut selected = candidates;
        if needs_capacity {
            // Swap in clusters with more room until the selection can hold every replica.
            let mut rest = rest;
            while selected.iter().map(|c| c.available(desired)).sum::<i64>() < desired {
                let (weakest, weak_avail) = match selected
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, c)| c.available(desired))
                {
                    Some((i, c)) => (i, c.available(desired)),
                    None => break,
                };
                let Some(best) = rest
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.available(desired) > weak_avail)
                    .max_by_key(|(_, c)| c.available(desired))
                    .map(|(i, _)| i)
                else {
                    break;
                };
                let incoming = rest.remove(best);
                let outgoing = std::mem::replace(&mut selected[weakest], incoming);
                rest.push(outgoing);
            }
        }
        selected
    };
    if needs_capacity && selected.iter().map(|c| c.available(desired)).sum::<i64>() < desired {
        return Err(format!(
            "the clusters the spread constraints allow cannot hold {desired} replicas"
        ));
    }
    sort_candidates(&mut selected, desired);
    Ok(selected)
}

fn static_weights(
    candidates: &[Candidate],
    placement: &Placement,
    desired: i64,
    uid: &str,
) -> Vec<(String, i64)> {
    let list = placement
        .replica_scheduling
        .as_ref()
        .and_then(|r| r.weight_preference.as_ref())
        .and_then(|w| w.static_weight_list.clone())
        .unwrap_or_default();
    let mut parties: Vec<Party> = candidates
        .iter()
        .map(|c| Party {
            name: c.name().to_string(),
            // The max over every entry that matches, not the sum.
            votes: list
                .iter()
                .filter(|w| cluster_matches(c.cluster, &w.target_cluster))
                .map(|w| w.weight)
                .max()
                .unwrap_or(0),
            seats: 0,
        })
        .collect();
    if parties.iter().all(|p| p.votes == 0) {
        parties.iter_mut().for_each(|p| p.votes = 1);
    }
    parties.retain(|p| p.votes > 0);
    webster(desired, parties, uid)
        .into_iter()
        .map(|p| (p.name, p.seats))
        .collect()
}

/// Dynamic weights and Aggregated, in Karmada's "Steady" mode: keep what is placed, divide
/// only the change.
fn steady(
    candidates: &[Candidate],
    aggregated: bool,
    desired: i64,
    uid: &str,
) -> Result<Vec<(String, i64)>, String> {
    let mut result: BTreeMap<String, i64> = candidates
        .iter()
        .filter(|c| c.previous > 0)
        .map(|c| (c.name().to_string(), c.previous))
        .collect();
    let assigned: i64 = result.values().sum();
    if assigned == desired {
        return Ok(result.into_iter().collect());
    }
    if assigned > desired {
        // Scale down: the new total, weighted by the current counts.
        let parties = result
            .iter()
            .map(|(name, n)| Party {
                name: name.clone(),
                votes: *n,
                seats: 0,
            })
            .collect();
        return Ok(webster(desired, parties, uid)
            .into_iter()
            .map(|p| (p.name, p.seats))
            .collect());
    }
    let delta = desired - assigned;
    let mut pool: Vec<(&Candidate, i64)> = candidates
        .iter()
        .map(|c| (c, c.capacity.unwrap_or(desired)))
        .filter(|(_, cap)| *cap > 0)
        .collect();
    pool.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.name().cmp(b.0.name())));
    if aggregated {
        // Clusters that already hold replicas first, then the shortest prefix that fits.
        pool.sort_by_key(|(c, _)| if c.previous > 0 { 0 } else { 1 });
        let mut sum = 0;
        let mut keep = pool.len();
        for (i, (_, cap)) in pool.iter().enumerate() {
            sum += cap;
            if sum >= delta {
                keep = i + 1;
                break;
            }
        }
        pool.truncate(keep);
    }
    let total: i64 = pool.iter().map(|(_, cap)| cap).sum();
    if total < delta {
        return Err(format!(
            "clusters have room for {total} more replicas, {delta} are needed"
        ));
    }
    let parties = pool
        .iter()
        .map(|(c, cap)| Party {
            name: c.name().to_string(),
            votes: *cap,
            seats: 0,
        })
        .collect();
    for p in webster(delta, parties, uid) {
        *result.entry(p.name).or_insert(0) += p.seats;
    }
    Ok(result.into_iter().collect())
}
