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
    /// Available replicas for sorting: capacity (unbounded: MaxInt32, as Karmada counts it)
    /// plus what is already here.
    fn available(&self) -> i64 {
        self.capacity
            .unwrap_or(i64::from(i32::MAX))
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
        // A cluster already scheduled keeps passing (api_enablement.go: the scheduler never
        // takes a placed resource away because an API went missing).
        if let Some(enabled) = c
            .status
            .api_enablements
            .as_ref()
            .filter(|_| !prev.contains_key(name))
        {
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
            // Karmada estimates only when there are replicas to place (util.go
            // calAvailableReplicas); otherwise every cluster counts as unbounded.
            capacity: if desired > 0 {
                Some(available_replicas(
                    c.status.resource_summary.as_ref(),
                    &requests,
                ))
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
            mode == Mode::Duplicated,
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
        Mode::Dynamic | Mode::Aggregated => steady(
            &candidates,
            previous,
            mode == Mode::Aggregated,
            desired,
            uid,
        )?,
    };
    let mut out: Vec<Assignment> = result
        .into_iter()
        .filter(|(_, r)| *r > 0)
        .map(|(cluster, r)| Assignment {
            cluster,
            replicas: Some(r),
        })
        .collect();
    out.sort_by(|a, b| a.cluster.cmp(&b.cluster));
    // A workload whose clusters all get 0 replicas goes nowhere, without an error (Karmada
    // drops empty assignments unless --enable-empty-workload-propagation).
    Ok(out)
}

fn sort_candidates(candidates: &mut [Candidate]) {
    candidates.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.available().cmp(&a.available()))
            .then(a.name().cmp(b.name()))
    });
}

fn select_by_spread<'a>(
    mut candidates: Vec<Candidate<'a>>,
    constraints: &[SpreadConstraint],
    needs_capacity: bool,
    duplicated: bool,
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
    sort_candidates(&mut candidates);
    let max_of = |c: Option<&SpreadConstraint>| {
        c.and_then(|c| c.max_groups)
            .filter(|m| *m > 0)
            .map(|m| m as usize)
    };
    let min_of =
        |c: Option<&SpreadConstraint>| c.and_then(|c| c.min_groups).unwrap_or(1).max(0) as usize;

    let mut selected: Vec<Candidate> = if let Some(rc) = region_c {
        select_by_region(candidates, rc, cluster_c, duplicated, desired)?
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
            while selected.iter().map(|c| c.available()).sum::<i64>() < desired {
                let (weakest, weak_avail) = match selected
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, c)| c.available())
                {
                    Some((i, c)) => (i, c.available()),
                    None => break,
                };
                let Some(best) = rest
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.available() > weak_avail)
                    .max_by_key(|(_, c)| c.available())
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
    if needs_capacity && selected.iter().map(|c| c.available()).sum::<i64>() < desired {
        return Err(format!(
            "the clusters the spread constraints allow cannot hold {desired} replicas"
        ));
    }
    sort_candidates(&mut selected);
    Ok(selected)
}

/// A region's score (group_clusters.go calcGroupScore / calcGroupScoreForDuplicate): how well
/// its best clusters hold the replicas a region should take, in thousands, plus their mean
/// locality score.
fn region_score(
    clusters: &[&Candidate],
    duplicated: bool,
    desired: i64,
    region_min: i64,
    cluster_min: i64,
) -> i64 {
    const UNIT: i64 = 1000;
    if duplicated {
        let valid: Vec<&&Candidate> = clusters
            .iter()
            .filter(|c| c.available() >= desired)
            .collect();
        if valid.is_empty() {
            return 0;
        }
        let n = valid.len() as i64;
        return n * UNIT + valid.iter().map(|c| c.score).sum::<i64>() / n;
    }
    let target = (desired + region_min - 1) / region_min.max(1);
    let cluster_min = cluster_min.max(region_min);
    let (mut available, mut score, mut valid) = (0i64, 0i64, 0i64);
    for c in clusters {
        available = available.saturating_add(c.available());
        score += c.score;
        valid += 1;
        if valid >= cluster_min && available >= target {
            break;
        }
    }
    if available < target {
        available * UNIT + score / clusters.len() as i64
    } else {
        target * UNIT + score / valid
    }
}

/// A set of regions the depth-first search found (select_groups.go dfsPath).
struct RegionPath {
    id: usize,
    /// Region indices, by score descending then name.
    regions: Vec<usize>,
    score: i64,
    clusters: usize,
}

/// Karmada's region choice (select_groups.go selectGroups): every set of between `min` and
/// `max` regions whose clusters number at least `target`, found depth first over the regions
/// ordered by cluster count; the best by total score, then cluster count, then discovery, and
/// among those that extend it, the last.
fn choose_regions(
    regions: &[(String, i64, usize)],
    min: usize,
    max: usize,
    target: usize,
) -> Option<Vec<usize>> {
    let mut order: Vec<usize> = (0..regions.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&regions[a], &regions[b]);
        ra.2.cmp(&rb.2).then(rb.1.cmp(&ra.1)).then(ra.0.cmp(&rb.0))
    });
    struct Search<'r> {
        regions: &'r [(String, i64, usize)],
        order: Vec<usize>,
        min: usize,
        max: usize,
        target: usize,
        stack: Vec<usize>,
        paths: Vec<RegionPath>,
    }
    impl Search<'_> {
        fn dfs(&mut self, sum: usize, begin: usize) {
            if sum >= self.target && self.stack.len() >= self.min && self.stack.len() <= self.max {
                let mut regions = self.stack.clone();
                regions.sort_by(|&a, &b| {
                    self.regions[b]
                        .1
                        .cmp(&self.regions[a].1)
                        .then(self.regions[a].0.cmp(&self.regions[b].0))
                });
                self.paths.push(RegionPath {
                    id: self.paths.len() + 1,
                    score: regions.iter().map(|&r| self.regions[r].1).sum(),
                    clusters: regions.iter().map(|&r| self.regions[r].2).sum(),
                    regions,
                });
                return;
            }
            if self.stack.len() >= self.max {
                return;
            }
            for i in begin..self.order.len() {
                let r = self.order[i];
                self.stack.push(r);
                self.dfs(sum + self.regions[r].2, i + 1);
                if self.order.len() == self.min {
                    break;
                }
                self.stack.pop();
            }
        }
    }
    let mut search = Search {
        regions,
        order,
        min,
        max,
        target,
        stack: Vec::new(),
        paths: Vec::new(),
    };
    search.dfs(0, 0);
    let mut paths = search.paths;
    paths.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.clusters.cmp(&a.clusters))
            .then(a.id.cmp(&b.id))
    });
    let mut paths = paths.into_iter();
    let mut best = paths.next()?;
    for p in paths {
        if p.regions.len() < best.regions.len() && best.regions.starts_with(&p.regions) {
            best = p;
        }
    }
    Some(best.regions)
}

/// Spreading over regions (select_clusters_by_region.go): choose the regions, take the best
/// cluster of each, then the best of the rest up to the cluster constraint's maxGroups.
fn select_by_region<'a>(
    candidates: Vec<Candidate<'a>>,
    region_c: &SpreadConstraint,
    cluster_c: Option<&SpreadConstraint>,
    duplicated: bool,
    desired: i64,
) -> Result<Vec<Candidate<'a>>, String> {
    let region_min = region_c.min_groups.unwrap_or(1).max(0);
    let cluster_min = cluster_c.and_then(|c| c.min_groups).unwrap_or(0).max(0);
    // Regions in the order their first cluster appears (candidates are sorted best first).
    let mut names: Vec<&str> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let Some(r) = field_of(c.cluster, "region") else {
            continue;
        };
        match names.iter().position(|n| *n == r) {
            Some(k) => members[k].push(i),
            None => {
                names.push(r);
                members.push(vec![i]);
            }
        }
    }
    if (names.len() as i64) < region_min {
        return Err(format!(
            "{} regions fit, the region spread constraint needs at least {region_min}",
            names.len()
        ));
    }
    let regions: Vec<(String, i64, usize)> = names
        .iter()
        .zip(&members)
        .map(|(name, idx)| {
            let clusters: Vec<&Candidate> = idx.iter().map(|&i| &candidates[i]).collect();
            let score = region_score(&clusters, duplicated, desired, region_min, cluster_min);
            (name.to_string(), score, idx.len())
        })
        .collect();
    let unlimited = |m: Option<i64>| m.filter(|m| *m > 0).map_or(usize::MAX, |m| m as usize);
    let chosen = choose_regions(
        &regions,
        region_min as usize,
        unlimited(region_c.max_groups),
        cluster_min as usize,
    )
    .ok_or_else(|| {
        format!(
            "no set of regions holds the {cluster_min} clusters the cluster spread constraint needs"
        )
    })?;
    let mut picked: Vec<usize> = chosen.iter().map(|&r| members[r][0]).collect();
    let mut rest: Vec<usize> = chosen
        .iter()
        .flat_map(|&r| members[r][1..].iter().copied())
        .collect();
    let need = (picked.len() + rest.len()).min(unlimited(cluster_c.and_then(|c| c.max_groups)));
    if need > picked.len() {
        rest.sort_by(|&a, &b| {
            let (ca, cb) = (&candidates[a], &candidates[b]);
            cb.score
                .cmp(&ca.score)
                .then(cb.available().cmp(&ca.available()))
                .then(ca.name().cmp(cb.name()))
        });
        picked.extend(rest.into_iter().take(need - picked.len()));
    }
    let mut slots: Vec<Option<Candidate>> = candidates.into_iter().map(Some).collect();
    Ok(picked.into_iter().filter_map(|i| slots[i].take()).collect())
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
    previous: &[TargetCluster],
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
        // Scale down (dynamicScaleDown): the new total, weighted by the current counts, over
        // the previous clusters that are still candidates, in the binding's order with the most
        // replicas first; Aggregated keeps only the shortest prefix that holds the new total.
        let mut held: Vec<(&str, i64)> = previous
            .iter()
            .filter(|p| candidates.iter().any(|c| c.name() == p.name))
            .map(|p| (p.name.as_str(), p.replicas.unwrap_or(0)))
            .collect();
        held.sort_by_key(|h| std::cmp::Reverse(h.1));
        if aggregated {
            let mut sum = 0;
            if let Some(i) = held.iter().position(|(_, n)| {
                sum += n;
                sum >= desired
            }) {
                held.truncate(i + 1);
            }
        }
        let parties = held
            .into_iter()
            .map(|(name, n)| Party {
                name: name.to_string(),
                votes: n,
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
