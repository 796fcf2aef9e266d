use clap::Parser;
use loopdrill::cli::{AiCommand, Cli, Command, ConfigCommand};
use loopdrill::commands::{self, Failure};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Behave like other command-line tools when output goes to a closed pipe
    // (`loopdrill stats --json | head`): stop quietly instead of erroring.
    #[cfg(unix)]
    // SAFETY: called first thing, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Stored times are UTC; show them in the user's time zone.
    loopdrill::localtime::use_system_offset();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            // One line, whatever a path or an id in it holds (a newline is
            // shown as the symbol ␊).
            let line = loopdrill::tui::text::printable(&msg).replace('\n', "\u{240A}");
            eprintln!("loopdrill: {line}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let g = &cli.global;
    // Where the config is can be asked even when it holds a mistake.
    if let Some(Command::Config(ConfigCommand::Path)) = &cli.command {
        return commands::config_path_cmd(&cli.config);
    }
    let cfg = match &cli.command {
        Some(Command::Completions { .. }) => loopdrill::config::Config::default(),
        _ => commands::load_config(&cli.config)?,
    };
    loopdrill::tui::theme::set_color(cfg.color.value);
    let mut command = cli.command;
    commands::apply_config_defaults(&cfg, &mut command);
    match command {
        Some(Command::Config(_)) => {
            print!("{}", loopdrill::tui::text::printable(&cfg.show()));
            Ok(())
        }
        Some(Command::Ai(AiCommand::Check)) => commands::ai_check_cmd(g, &cfg),
        Some(Command::Content(cmd)) => commands::content_cmd(g, &cmd),
        Some(Command::Completions { shell }) => {
            commands::completions(shell);
            Ok(())
        }
        Some(Command::Export { format, output }) => {
            let c = commands::load_content(g)?;
            commands::export_cmd(g, &c, format, output.as_deref())
        }
        Some(Command::Import { file }) => commands::import_cmd(g, &file),
        Some(Command::Assess {
            question,
            file,
            format,
            interviewer,
            ai,
        }) => {
            let c = commands::load_content(g)?;
            let model = if ai {
                Some(commands::ai_model(g, &cfg, "assess --ai")?)
            } else {
                None
            };
            commands::assess_cmd_with(
                &c,
                &question,
                file.as_deref(),
                format,
                interviewer.as_deref(),
                model
                    .as_ref()
                    .map(|m| m as &dyn loopdrill::practice::ai::ChatModel),
            )
        }
        Some(Command::Loop(args)) if args.plan => {
            let c = commands::load_content(g)?;
            commands::loop_plan_cmd(&c, &args)
        }
        Some(Command::Stats { json }) => {
            let c = commands::load_content(g)?;
            commands::stats_cmd(g, &c, json)
        }
        other => {
            let c = commands::load_content(g)?;
            let ai = commands::tui_ai(&cfg)?;
            loopdrill::tui::run_with_ai(
                g,
                c,
                other,
                ai,
                loopdrill::tui::Settings::from_config(&cfg),
            )
        }
    }
}
