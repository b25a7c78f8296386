//! kunren: a tabletop cyber-exercise simulator. This branch holds the loader side: the ATT&CK
//! catalogue, the scenario format with its validation and diagnostics, and simulated time.

pub mod attack;
pub mod scenario;
pub mod simtime;
