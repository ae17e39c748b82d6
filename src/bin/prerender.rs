//! The `prerender` command: article JSON in, complete static HTML pages out (see
//! `article_reader::prerender`). Build and run it with
//! `cargo run --release --features prerender --bin prerender -- --help`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use article_reader::prerender::{
    file_address, page_address, prerender, prerender_folder, Batch, PageOptions,
};

const USAGE: &str = "\
Usage:
  prerender [OPTIONS] ARTICLE.json [PAGE.html]    one page (to standard output without PAGE)
  prerender --batch [OPTIONS] IN_DIR OUT_DIR      every IN_DIR/name.json to OUT_DIR/name.html

Options:
  --base-url URL   the absolute address the page (or OUT_DIR) is published at; relative links
                   in articles resolve against it, as in a browser (without it they stay text)
  --json-url URL   the address the article JSON (or IN_DIR) is published at: the page then
                   loads the reader, which takes it over once it has rendered the same
                   article (without it the page has no script)
  --assets PREFIX  how the style sheet, icon and script addresses start (default /, the
                   reader's dist/)
  --jobs N         pages rendered at once in a batch (default: the number of CPUs)
  --help           this text";

/// What the command line asks for.
enum Command {
    One {
        input: PathBuf,
        output: Option<PathBuf>,
    },
    Batch {
        input: PathBuf,
        output: PathBuf,
    },
    Help,
}

/// The command line, parsed.
struct Args {
    command: Command,
    base: Option<String>,
    json_base: Option<String>,
    assets: String,
    jobs: usize,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut batch = false;
    let mut base = None;
    let mut json_base = None;
    let mut assets = "/".to_owned();
    let mut jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut paths = Vec::new();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--help" | "-h" => {
                return Ok(Args {
                    command: Command::Help,
                    base,
                    json_base,
                    assets,
                    jobs,
                })
            }
            "--batch" => batch = true,
            "--base-url" => base = Some(value("--base-url")?),
            "--json-url" => json_base = Some(value("--json-url")?),
            "--assets" => assets = value("--assets")?,
            "--jobs" => {
                jobs = value("--jobs")?
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or("--jobs needs a whole number above 0")?
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            path => paths.push(PathBuf::from(path)),
        }
    }
    let mut paths = paths.into_iter();
    let command = match (batch, paths.next(), paths.next(), paths.next()) {
        (false, Some(input), output, None) => Command::One { input, output },
        (true, Some(input), Some(output), None) => Command::Batch { input, output },
        _ => return Err("wrong number of paths".to_owned()),
    };
    Ok(Args {
        command,
        base,
        json_base,
        assets,
        jobs,
    })
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(problem) => {
            eprintln!("prerender: {problem}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.base.is_none() && !matches!(args.command, Command::Help) {
        eprintln!(
            "prerender: no --base-url: relative links in articles are shown as text, not links"
        );
    }
    match args.command {
        Command::Help => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Command::One { input, output } => {
            let options = PageOptions {
                address: args
                    .base
                    .as_deref()
                    .and_then(|b| page_address(b, output.as_deref().unwrap_or(&input))),
                assets: args.assets,
                article: args
                    .json_base
                    .as_deref()
                    .and_then(|b| file_address(b, &input)),
            };
            one(&input, output.as_deref(), options)
        }
        Command::Batch { input, output } => batch(Batch {
            input,
            output,
            base: args.base,
            json_base: args.json_base,
            assets: args.assets,
            jobs: args.jobs,
        }),
    }
}

/// One article to one page.
fn one(
    input: &std::path::Path,
    output: Option<&std::path::Path>,
    options: PageOptions,
) -> ExitCode {
    let json = match std::fs::read_to_string(input) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("prerender: {}: {e}", input.display());
            return ExitCode::FAILURE;
        }
    };
    let page = match prerender(json, options) {
        Ok(page) => page,
        Err(e) => {
            eprintln!("prerender: {}: {e}", input.display());
            return ExitCode::FAILURE;
        }
    };
    let written = match output {
        Some(path) => std::fs::write(path, page),
        None => {
            use std::io::Write as _;
            std::io::stdout().write_all(page.as_bytes())
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("prerender: writing the page: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A folder of articles to a folder of pages, with the throughput.
fn batch(batch: Batch) -> ExitCode {
    let started = Instant::now();
    let items = match prerender_folder(&batch) {
        Ok(items) => items,
        Err(e) => {
            eprintln!(
                "prerender: {} -> {}: {e}",
                batch.input.display(),
                batch.output.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let (mut pages, mut skipped, mut failed, mut json_bytes, mut html_bytes) = (0, 0, 0, 0, 0);
    for item in &items {
        match &item.result {
            Ok((json, html)) => {
                pages += 1;
                json_bytes += json;
                html_bytes += html;
            }
            Err(e) if e.is_unsupported() => {
                skipped += 1;
                eprintln!("skipped {}: {e}", item.input.display());
            }
            Err(e) => {
                failed += 1;
                eprintln!("failed {}: {e}", item.input.display());
            }
        }
    }
    let mb = |bytes: u64| bytes as f64 / 1e6;
    let per_second = |amount: f64| if seconds > 0.0 { amount / seconds } else { 0.0 };
    println!(
        "prerendered {pages} pages ({skipped} skipped, {failed} failed) in {seconds:.3} s with {jobs} jobs: \
         {rate:.0} pages/s, {json_rate:.2} MB/s of JSON in ({json:.2} MB), {html_rate:.2} MB/s of HTML out ({html:.2} MB)",
        jobs = batch.jobs,
        rate = per_second(f64::from(pages)),
        json_rate = per_second(mb(json_bytes)),
        json = mb(json_bytes),
        html_rate = per_second(mb(html_bytes)),
        html = mb(html_bytes),
    );
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
