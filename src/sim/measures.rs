//! Measures: service throughput, mean service level, economic loss, records exposed and public
//! trust, taken once a tick after the cascade and kept as a series for charts and reports.

use serde::Serialize;

use super::ScenarioRes;
use super::clock::SimClock;
use super::facts::{AssetFacts, Facts};
use crate::scenario::model::{AssetId, Measure, Scenario};

/// Running totals other domains add to as things happen.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Tallies {
    pub economic_loss: f64,
    pub records_exposed: f64,
    /// Records taken this tick (public trust reacts once).
    pub records_this_tick: f64,
    pub public_trust: f64,
    /// Stand-in capacity added to throughput measures (a generator, manual gate operations), by
    /// service measure; see [`throughput`].
    pub throughput_offsets: Vec<f64>,
}

impl Tallies {
    /// Applies a change to a measure; a throughput measure takes it as lasting stand-in capacity
    /// (see [`throughput`]); `service_level` is derived from the assets' levels alone.
    pub fn adjust(&mut self, measure: Measure, by: f64) {
        match measure {
            Measure::EconomicLoss => self.economic_loss = (self.economic_loss + by).max(0.0),
            Measure::RecordsExposed => self.records_exposed = (self.records_exposed + by).max(0.0),
            Measure::PublicTrust => self.public_trust = (self.public_trust + by).clamp(0.0, 100.0),
            Measure::ServiceLevel => {}
            Measure::Throughput(id) => {
                if let Some(o) = self.throughput_offsets.get_mut(id.index()) {
                    *o += by;
                }
            }
        }
    }
}

/// Every measure's value at every tick, in [`Scenario::all_measures`] order.
#[derive(Debug, Default, Clone, Serialize)]
pub struct MeasureHistory {
    pub series: Vec<Vec<f64>>,
}

/// Assets that weigh in each measure, with their figures, found once and packed so a tick
/// reads them in one pass.
#[derive(Debug, Default)]
pub struct Weights {
    /// (asset, service measure index, normal rate).
    services: Vec<(AssetId, usize, f64)>,
    /// (asset, loss per hour).
    losses: Vec<(AssetId, f64)>,
    public: Vec<AssetId>,
    /// What the assets' levels give, as of the last tick a level moved (`None` before the
    /// first tick): sums over every asset of a measure, taken again only when a level moved.
    from_levels: Option<FromLevels>,
}

/// The sums over the assets' levels a tick's measures start from.
#[derive(Debug, Default)]
struct FromLevels {
    /// Economic loss per hour of the assets that are below normal.
    loss: f64,
    /// Outage of the public-facing assets (1 for each one down).
    outage: f64,
    /// What each service measure's assets deliver.
    delivered: Vec<f64>,
    /// The mean level of the service assets.
    service_level: f64,
}

pub fn start(scenario: &Scenario) -> (Weights, Tallies, MeasureHistory) {
    let pick = |f: &dyn Fn(&crate::scenario::model::Asset) -> bool| -> Vec<AssetId> {
        scenario
            .assets
            .iter()
            .enumerate()
            .filter(|(_, a)| f(a))
            .map(|(i, _)| AssetId(i as u32))
            .collect()
    };
    let services = scenario
        .assets
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            a.service
                .as_ref()
                .map(|s| (AssetId(i as u32), s.measure.index(), s.normal))
        })
        .collect();
    let losses = pick(&|a| a.loss_per_hour > 0.0)
        .into_iter()
        .map(|a| (a, scenario.asset(a).loss_per_hour))
        .collect();
    let weights = Weights {
        services,
        losses,
        public: pick(&|a| a.public_facing),
        from_levels: None,
    };
    let tallies = Tallies {
        public_trust: scenario.measures.public_trust,
        throughput_offsets: vec![0.0; scenario.service_measures.len()],
        ..Default::default()
    };
    let history = MeasureHistory {
        series: vec![Vec::new(); scenario.all_measures().len()],
    };
    (weights, tallies, history)
}

/// A throughput measure's value: what its assets deliver plus the stand-in capacity (`offset`)
/// that `Adjust` actions have added, never below zero and never above `normal`, what its assets
/// deliver when all are working. A generator that adds 1,500 m³/h while the pumps are down makes
/// up for lost supply; once the pumps are back it adds nothing, and the supply is its normal rate,
/// not 1,500 above it. A negative offset (capacity lost for good) lowers the measure below what
/// the assets deliver, down to zero.
pub fn throughput(delivered: f64, offset: f64, normal: f64) -> f64 {
    (delivered + offset).min(normal.max(delivered)).max(0.0)
}

/// Trust lost in one tick: public-facing outages, in proportion to how far down each is, and
/// fresh exposure of records.
pub fn trust_loss(
    settings: &crate::scenario::model::MeasureSettings,
    hours: f64,
    outage: f64,
    new_records: f64,
) -> f64 {
    settings.trust_loss_per_hour * hours * outage
        + settings.trust_loss_per_100k_records * new_records / 100_000.0
}

/// Sums the assets' levels from the dense per-asset facts, in asset order, into `sums` (its
/// vector reused).
fn sum_levels(weights: &Weights, facts: &Facts, services: usize, sums: &mut FromLevels) {
    let level = |a: &AssetId| {
        facts
            .assets
            .get(a.index())
            .map_or(1.0, AssetFacts::fraction)
    };
    let loss: f64 = weights
        .losses
        .iter()
        .map(|(a, per_hour)| per_hour * (1.0 - level(a)))
        .sum();
    let outage: f64 = weights.public.iter().map(|a| 1.0 - level(a)).sum();
    let delivered = &mut sums.delivered;
    delivered.clear();
    delivered.resize(services, 0.0);
    for (a, measure, normal) in &weights.services {
        delivered[*measure] += normal * level(a);
    }
    let service_level = if weights.services.is_empty() {
        1.0
    } else {
        weights
            .services
            .iter()
            .map(|(a, _, _)| level(a))
            .sum::<f64>()
            / weights.services.len() as f64
    };
    sums.loss = loss;
    sums.outage = outage;
    sums.service_level = service_level;
}

/// Takes this tick's measures from the levels the cascade has just set (`levels_moved`: whether
/// any asset's level changed this tick; the sums over the assets are taken again only then,
/// and are the same as a fresh sum would give) and the running tallies.
pub fn take_measures(
    scenario: &ScenarioRes,
    clock: &SimClock,
    levels_moved: bool,
    weights: &mut Weights,
    tallies: &mut Tallies,
    history: &mut MeasureHistory,
    facts: &mut Facts,
) {
    let sums = match weights.from_levels.take() {
        Some(sums) if !levels_moved => sums,
        fresh => {
            let mut sums = fresh.unwrap_or_default();
            sum_levels(weights, facts, tallies.throughput_offsets.len(), &mut sums);
            sums
        }
    };
    let sums = weights.from_levels.insert(sums);
    let hours = f64::from(scenario.clock.tick.0) / 60.0;
    // The first tick is the starting picture: nothing has been lost yet.
    let elapsed = if clock.now() == 0 { 0.0 } else { hours };

    tallies.economic_loss += sums.loss * elapsed;
    let lost_trust = trust_loss(
        &scenario.measures,
        elapsed,
        sums.outage,
        tallies.records_this_tick,
    );
    tallies.public_trust = (tallies.public_trust - lost_trust).clamp(0.0, 100.0);
    tallies.records_this_tick = 0.0;

    for (i, m) in scenario.measure_list.iter().enumerate() {
        let value = match m {
            Measure::EconomicLoss => tallies.economic_loss,
            Measure::RecordsExposed => tallies.records_exposed,
            Measure::PublicTrust => tallies.public_trust,
            Measure::ServiceLevel => sums.service_level,
            Measure::Throughput(id) => throughput(
                sums.delivered[id.index()],
                tallies.throughput_offsets[id.index()],
                scenario.service_measures[id.index()].normal,
            ),
        };
        facts.measures[i] = value;
        history.series[i].push(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::{MeasureSettings, ServiceMeasureId};

    #[test]
    fn adjustments_respect_each_measures_range() {
        let mut t = Tallies {
            public_trust: 95.0,
            throughput_offsets: vec![0.0],
            ..Default::default()
        };
        t.adjust(Measure::PublicTrust, 10.0);
        assert_eq!(t.public_trust, 100.0);
        t.adjust(Measure::EconomicLoss, -5.0);
        assert_eq!(t.economic_loss, 0.0);
        t.adjust(Measure::Throughput(ServiceMeasureId(0)), 40.0);
        t.adjust(Measure::Throughput(ServiceMeasureId(7)), 40.0);
        assert_eq!(t.throughput_offsets, vec![40.0]);
    }

    #[test]
    fn trust_falls_with_outage_hours_and_exposed_records() {
        let s = MeasureSettings {
            public_trust: 80.0,
            trust_loss_per_hour: 0.2,
            trust_loss_per_100k_records: 1.0,
            currency: "JPY".into(),
        };
        assert_eq!(trust_loss(&s, 0.25, 0.0, 0.0), 0.0);
        assert!((trust_loss(&s, 0.25, 2.0, 0.0) - 0.1).abs() < 1e-12);
        assert!((trust_loss(&s, 0.25, 0.0, 1_250_000.0) - 12.5).abs() < 1e-9);
    }

    #[test]
    fn stand_in_capacity_makes_up_for_lost_service_and_no_more() {
        // Pumps down (0 of 3,000 m³/h), a generator adds 1,500: half the supply.
        assert_eq!(throughput(0.0, 1500.0, 3000.0), 1500.0);
        // Pumps partly back: the generator fills the gap up to normal.
        assert_eq!(throughput(2000.0, 1500.0, 3000.0), 3000.0);
        // Pumps fully back: normal, not 4,500.
        assert_eq!(throughput(3000.0, 1500.0, 3000.0), 3000.0);
        // Capacity lost for good lowers the measure, never below zero.
        assert_eq!(throughput(3000.0, -500.0, 3000.0), 2500.0);
        assert_eq!(throughput(200.0, -500.0, 3000.0), 0.0);
    }
}
