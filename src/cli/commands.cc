#include "cli/commands.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <iostream>
#include <sstream>

namespace copytrail::cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> table = {
      {"scan", "scan INPUT... [--format text|json|csv|dot|html] [-o FILE]",
       "Cluster copies and rewrites and report each cluster's derivation tree.", ScanOptionsDesc,
       RunScan},
      {"compare", "compare A B", "One pair in depth: measures, shared passages, direction.",
       CompareOptionsDesc, RunCompare},
      {"dedup", "dedup INPUT... [--keep original|first|longest]",
       "JSONL of the documents to keep: one per cluster plus every unclustered document.",
       DedupOptionsDesc, RunDedup},
      {"eval", "eval --gold GOLD.json REPORT.json [--format text|json]",
       "Score a 'scan --format json' report against gold clusters and lineage.", EvalOptionsDesc,
       RunEval},
  };
  return table;
}

po::options_description InputOptions() {
  po::options_description d("Input");
  d.add_options()
      ("id-field", po::value<std::string>()->default_value("id"), "JSONL field holding the id")
      ("text-field", po::value<std::string>()->default_value("text"), "JSONL field holding the text")
      ("date-field", po::value<std::string>()->default_value("date"), "JSONL field holding the date (ISO 8601, RFC 2822 or Unix time)")
      ("url-field", po::value<std::string>()->default_value("url"), "JSONL field holding the URL")
      ("title-field", po::value<std::string>()->default_value("title"), "JSONL field holding the title")
      ("source-field", po::value<std::string>()->default_value("source"), "JSONL field holding the source")
      ("strict", "fail on the first bad record instead of warning and skipping it")
      ("max-doc-bytes", po::value<uint64_t>()->default_value(uint64_t{1} << 30),
       "skip (with a warning) documents larger than this");
  return d;
}

namespace {

// A threshold option whose default prints as "0.3", not "0.29999999999999999".
po::typed_value<double>* Fraction(double default_value) {
  std::ostringstream text;
  text << default_value;
  return po::value<double>()->default_value(default_value, text.str());
}

}  // namespace

po::options_description DetectionOptions() {
  po::options_description d("Detection");
  d.add_options()
      ("threshold", Fraction(0.3),
       "near-duplicate tier: word-5-gram Jaccard at which two texts count as copies (also the "
       "LSH design point)")
      ("containment", Fraction(0.6),
       "near-duplicate tier: share of the smaller text's shingles found in the larger (catches "
       "truncation and added boilerplate)")
      ("paraphrase-threshold", Fraction(0.2),
       "paraphrase tier: TF-IDF cosine over content words at which a rewrite is considered")
      ("paraphrase-aligned", Fraction(VerifyOptions().paraphrase_aligned),
       "paraphrase tier: share of one text's sentences that must have a counterpart in the other")
      ("paraphrase-names", Fraction(VerifyOptions().paraphrase_names),
       "paraphrase tier: IDF-weighted share of one text's names that must occur in the other "
       "(a rewrite keeps the names; another issuer's notice from the same template does not); 0: no such rule")
      ("sentence-overlap", Fraction(VerifyOptions().sentence_overlap),
       "paraphrase tier: IDF-weighted share of a sentence's content words its counterpart must hold")
      ("paraphrase-max-days", po::value<double>()->default_value(VerifyOptions().paraphrase_max_days, "7"),
       "paraphrase tier: texts dated further apart than this must align strongly (3/4 of one "
       "text's sentences, half of the other's) to count as rewrites; 0: no such rule")
      ("no-paraphrase", "turn the paraphrase tier off (classic MinHash near-duplicates only)")
      ("all-pairs-limit", po::value<size_t>()->default_value(ScanOptions().dense_matrix_limit),
       "up to this many distinct texts, compare every pair's TF-IDF cosine (one sparse matrix "
       "product) instead of indexing rare terms")
      ("shingle-size", po::value<int>()->default_value(5), "words per shingle");
  return d;
}

po::options_description RunOptions() {
  po::options_description d("Run");
  d.add_options()
      ("threads", po::value<int>()->default_value(0), "worker threads (0: every core)")
      ("quiet,q", "no progress and no warnings on stderr");
  return d;
}

bool MakeReadOptions(const po::variables_map& vm, ReadOptions* r, std::ostream& err) {
  r->id_field = vm["id-field"].as<std::string>();
  r->text_field = vm["text-field"].as<std::string>();
  r->date_field = vm["date-field"].as<std::string>();
  r->url_field = vm["url-field"].as<std::string>();
  r->title_field = vm["title-field"].as<std::string>();
  r->source_field = vm["source-field"].as<std::string>();
  r->strict = vm.count("strict") > 0;
  r->max_document_bytes = vm["max-doc-bytes"].as<uint64_t>();
  Status st = r->Validate();
  if (!st.ok()) return Fail(err, st), false;
  return true;
}

bool MakeScanOptions(const po::variables_map& vm, ScanOptions* s, std::ostream& err) {
  double t = vm["threshold"].as<double>();
  s->verify.near_jaccard = t;
  s->lsh.threshold = std::min(0.95, std::max(0.05, t));
  s->verify.near_containment = vm["containment"].as<double>();
  s->verify.paraphrase_cosine = vm["paraphrase-threshold"].as<double>();
  s->verify.paraphrase_aligned = vm["paraphrase-aligned"].as<double>();
  s->verify.sentence_overlap = vm["sentence-overlap"].as<double>();
  s->verify.paraphrase_names = vm["paraphrase-names"].as<double>();
  s->verify.paraphrase_max_days = vm["paraphrase-max-days"].as<double>();
  s->verify.paraphrase = vm.count("no-paraphrase") == 0;
  s->dense_matrix_limit = vm["all-pairs-limit"].as<size_t>();
  s->sketch.shingle_size = vm["shingle-size"].as<int>();
  s->threads = vm["threads"].as<int>();
  s->lineage.verify = s->verify;
  Status st = s->Validate();
  if (!st.ok()) return Fail(err, st), false;
  return true;
}

StderrReporter::~StderrReporter() {
  constexpr uint64_t kShown = 50;
  if (!quiet_ && count_ > kShown)
    err_ << "copytrail: warning: " << count_ - kShown << " more warnings not shown\n";
}

void StderrReporter::Warning(const std::string& where, const Status& problem) {
  constexpr uint64_t kShown = 50;
  if (!quiet_ && ++count_ <= kShown)
    err_ << "copytrail: warning: " << where << ": " << problem.message() << "\n";
}

Status OpenOutput(const po::variables_map& vm, std::ofstream* file) {
  if (!vm.count("output")) return Status::Ok();
  const std::string& path = vm["output"].as<std::string>();
  file->open(path, std::ios::binary);
  if (!*file) return Status::IoError(path + ": cannot write: " + std::strerror(errno));
  return Status::Ok();
}

int ScanInputs(const po::variables_map& vm, Streams io, ScanResult* result,
               std::unique_ptr<DocumentSource>* source, Reporter* reporter) {
  if (!vm.count("inputs")) return Fail(io.err, Status::InvalidArgument("no input given"));
  ReadOptions read;
  ScanOptions scan;
  if (!MakeReadOptions(vm, &read, io.err) || !MakeScanOptions(vm, &scan, io.err)) return 1;
  auto opened = OpenInputs(vm["inputs"].as<std::vector<std::string>>(), read, reporter);
  if (!opened.ok()) return Fail(io.err, opened.status());
  *source = std::move(opened.value());
  bool show_progress = !vm.count("quiet") && &io.err == &std::cerr && isatty(STDERR_FILENO);
  ProgressFn progress;
  if (show_progress) {
    progress = [&io](uint64_t docs, uint64_t bytes) {
      io.err << "\rcopytrail: read " << docs << " documents, " << (bytes >> 20) << " MB" << std::flush;
    };
  }
  auto scanned = Scan(source->get(), scan, reporter, progress);
  if (show_progress) io.err << "\n";
  if (!scanned.ok()) return Fail(io.err, scanned.status());
  *result = std::move(scanned.value());
  if (result->corpus.size() < 2 && !vm.count("quiet"))
    reporter->Warning("input", Status::InvalidArgument(
                                   "only " + std::to_string(result->corpus.size()) +
                                   " document(s) read: nothing to compare"));
  return 0;
}

}  // namespace copytrail::cli
