//! The starting scenario `kunren new` writes: a small, commented, valid exercise kept as a file
//! under `assets/templates/`, with the author's name for it put in as id and title.

const SCENARIO: &str = include_str!("../../assets/templates/scenario.ron");

/// Why a name cannot be used for a new scenario.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{0}\" cannot name a scenario: use letters, digits, '-' and '_' only, starting with a letter or digit"
)]
pub struct BadName(pub String);

/// The starting scenario, named `name` (its id, the start of its title, and the file it suggests).
pub fn scenario(name: &str) -> Result<String, BadName> {
    check_name(name)?;
    Ok(SCENARIO.replace("{{NAME}}", name))
}

/// A built-in scenario's text under a new id, as the start of a variant of it.
pub fn copy_of(source: &str, old_id: &str, name: &str) -> Result<String, BadName> {
    check_name(name)?;
    Ok(source.replacen(&format!("id: \"{old_id}\""), &format!("id: \"{name}\""), 1))
}

fn check_name(name: &str) -> Result<(), BadName> {
    let ok = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(BadName(name.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_ids() {
        assert!(scenario("water-2024_a").is_ok());
        for bad in ["", "-x", "a b", "quote\"", "é"] {
            assert_eq!(scenario(bad), Err(BadName(bad.into())), "{bad}");
        }
    }

    #[test]
    fn the_name_becomes_the_id() {
        let text = scenario("dam").unwrap_or_default();
        assert!(text.contains("id: \"dam\""));
        assert!(!text.contains("{{NAME}}"));
        let copy = copy_of("meta: (id: \"x\"), teams: [(id: \"x\")]", "x", "y");
        assert_eq!(
            copy.ok().as_deref(),
            Some("meta: (id: \"y\"), teams: [(id: \"x\")]")
        );
    }
}
