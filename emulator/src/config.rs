//! Command-line flags. Parsed by hand: a dozen flags do not justify an argument-parser crate.

use std::net::IpAddr;
use std::path::PathBuf;

/// What `--help` prints.
pub const USAGE: &str = "\
usage: ucaas-emulator [OPTIONS]

  --bind ADDR            address to listen on (default 127.0.0.1)
  --port PORT            port to listen on; 0 picks a free one (default 8787)
  --seed FILE            JSON fixture replacing the built-in seed data
  --data-file FILE       persist the state to FILE (atomic writes) and load it at start
  --token-ttl SECONDS    life of a login token, on the emulator clock (default 900)
  --iotum-token-ttl SECONDS
                         life of an Iotum auth_token after its last successful use
                         (default 3600)
  --allow-origin ORIGIN  CORS origin to allow; repeatable; `http://host:*` allows any port,
                         `*` any origin (default: http://localhost:* and http://127.0.0.1:*)
  --static DIR           serve DIR at / (for the demo, same-origin)
  --no-control           do not serve the /__emulator/ test controls
  -h, --help             print this help";

/// The emulator's settings, from the command line.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub bind: IpAddr,
    /// Port to listen on (0: any free one).
    pub port: u16,
    /// Fixture replacing the built-in seed.
    pub seed: Option<PathBuf>,
    /// File the state is persisted to.
    pub data_file: Option<PathBuf>,
    /// Life of a login token in seconds.
    pub token_ttl: i64,
    /// Life of an Iotum `auth_token` after its last successful use, in seconds.
    pub iotum_token_ttl: i64,
    /// Allowed CORS origins (patterns).
    pub allow_origins: Vec<String>,
    /// Folder served at `/`.
    pub static_dir: Option<PathBuf>,
    /// Whether `/__emulator/` is served.
    pub control: bool,
}

/// The outcome of parsing the command line.
#[derive(Debug)]
pub enum Parsed {
    /// Run with these settings.
    Run(Config),
    /// Print the usage and stop.
    Help,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 8787,
            seed: None,
            data_file: None,
            token_ttl: 900,
            iotum_token_ttl: 3600,
            allow_origins: Vec::new(),
            static_dir: None,
            control: true,
        }
    }
}

impl Config {
    /// Parses the arguments (without the program name).
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
        let mut cfg = Config::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            // Accept both `--flag value` and `--flag=value`.
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
                _ => (arg.clone(), None),
            };
            let mut value = || inline.clone().or_else(|| args.next()).ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "-h" | "--help" => return Ok(Parsed::Help),
                "--bind" => cfg.bind = value()?.parse().map_err(|_| "--bind needs an IP address".to_string())?,
                "--port" => cfg.port = value()?.parse().map_err(|_| "--port needs a number 0-65535".to_string())?,
                "--seed" => cfg.seed = Some(value()?.into()),
                "--data-file" => cfg.data_file = Some(value()?.into()),
                "--token-ttl" => {
                    cfg.token_ttl = value()?
                        .parse()
                        .ok()
                        .filter(|t: &i64| *t > 0)
                        .ok_or("--token-ttl needs a positive number of seconds")?
                }
                "--iotum-token-ttl" => {
                    cfg.iotum_token_ttl = value()?
                        .parse()
                        .ok()
                        .filter(|t: &i64| *t > 0)
                        .ok_or("--iotum-token-ttl needs a positive number of seconds")?
                }
                "--allow-origin" => cfg.allow_origins.push(value()?),
                "--static" => cfg.static_dir = Some(value()?.into()),
                "--no-control" => cfg.control = false,
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        if cfg.allow_origins.is_empty() {
            cfg.allow_origins = vec!["http://localhost:*".into(), "http://127.0.0.1:*".into()];
        }
        Ok(Parsed::Run(cfg))
    }
}
