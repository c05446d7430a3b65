//! Proptest settings and strategies more than one property test file uses.

use proptest::prelude::*;
use serde_json::Value;

/// Bounded: a failing property shrinks for at most 20 s, and nothing is
/// written next to the tests.
pub fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        max_shrink_time: 20_000,
        ..ProptestConfig::with_cases(cases)
    }
}

/// Null, booleans and numbers of every JSON kind, often small integers
/// around the limit of a block's `u8` level.
pub fn json_scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (0u64..300).prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
    ]
}
