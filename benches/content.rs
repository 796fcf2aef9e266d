//! SPEC target: loading and validating the whole built-in pack, under 10 ms.
//!
//! `cargo bench --bench content -- --warm-up-time 1 --measurement-time 3`

use criterion::{Criterion, criterion_group, criterion_main};
use loopdrill::content::{self, Pack};
use std::hint::black_box;

fn bench_content(c: &mut Criterion) {
    // Fail loudly rather than time the error path.
    let loaded = content::load(&[Pack::builtin()]).expect("the built-in pack is valid");
    eprintln!(
        "built-in pack: {} principles, {} questions, {} probes, {} rubrics, {} interviewers, {} templates, {} writing prompts",
        loaded.principles.len(),
        loaded.questions.len(),
        loaded.probes.len(),
        loaded.rubrics.len(),
        loaded.interviewers.len(),
        loaded.templates.len(),
        loaded.writing.len()
    );

    let mut g = c.benchmark_group("content");
    // The full path (`content validate`, and start-up with user packs):
    // take the embedded files, parse, layer, validate.
    g.bench_function("load_builtin_pack", |b| {
        b.iter(|| content::load(black_box(&[Pack::builtin()])).expect("valid"))
    });
    // Start-up with no user pack: the build-time JSON of the same pack.
    g.bench_function("load_layered_no_user_packs", |b| {
        b.iter(|| content::load_layered(black_box(&[])).expect("valid"))
    });
    g.finish();
}

criterion_group!(benches, bench_content);
criterion_main!(benches);
