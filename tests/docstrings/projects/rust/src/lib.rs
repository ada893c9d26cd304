use std::fs;

#[derive(Debug, Clone)]
pub struct Config {
    pub name: String,
}

pub trait Loader {
    fn load(&self, path: &str) -> std::io::Result<Config>;
}

impl Config {
    pub fn new(name: &str) -> Self {
        Config { name: name.to_string() }
    }

    pub fn read(path: &str) -> std::io::Result<Config> {
        let text = fs::read_to_string(path)?;
        if text.is_empty() {
            panic!("empty config");
        }
        Ok(Config::new(&text))
    }
}

/// Already documented.
pub fn documented() {}

fn private_helper() {}
