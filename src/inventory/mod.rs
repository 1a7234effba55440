//! The inventory: the model users write, its JSON Schema, validation with positions, and the
//! builder behind `tcs init`.

pub mod diagnostic;
pub mod init;
pub mod model;
pub mod schema;
pub mod source;
pub mod validate;

use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, DiagnosticKind, Report, Severity};
pub use model::*;
pub use validate::{Validated, validate_file, validate_str};

/// Errors from loading an inventory for a command that needs a valid one.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The inventory has errors; the report lists them all.
    #[error("{} has {}; run `tcs inventory validate -f {}` for the full report", .0.file.display(), crate::text::count(.0.errors, "error"), .0.file.display())]
    Invalid(Box<Report>),
}

/// A valid inventory and where it was read from.
#[derive(Debug, Clone)]
pub struct LoadedInventory {
    /// The inventory file.
    pub path: PathBuf,
    /// The typed inventory.
    pub inventory: Inventory,
    /// Warnings found while validating.
    pub warnings: Vec<Diagnostic>,
}

impl LoadedInventory {
    /// Reads and validates `path`; any error fails the load with the whole report.
    pub fn load(path: &Path) -> Result<LoadedInventory, LoadError> {
        let Validated { report, inventory } = validate_file(path);
        match inventory {
            Some(inventory) => Ok(LoadedInventory {
                path: path.to_path_buf(),
                inventory,
                warnings: report.diagnostics,
            }),
            None => Err(LoadError::Invalid(Box::new(report))),
        }
    }
}
