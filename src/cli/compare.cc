#include <filesystem>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "copytrail/report_writer.h"
#include "report/report_util.h"

namespace copytrail::cli {
namespace {

// "FILE.jsonl#ID" (or .jsonl.gz#ID...) picks one record of a JSONL file; anything else is one
// plain document.
Result<Document> LoadOne(const std::string& spec, const ReadOptions& read, Reporter* reporter) {
  std::string path = spec, want;
  // The last '#' splits off an id when what precedes it is a file and the whole is not one: any
  // JSONL, compressed or not, and a file whose name holds a '#' still opens as itself.
  std::error_code ec;
  if (auto hash = spec.rfind('#');
      hash != std::string::npos && !std::filesystem::exists(spec, ec) &&
      std::filesystem::is_regular_file(spec.substr(0, hash), ec)) {
    path = spec.substr(0, hash);
    want = spec.substr(hash + 1);
  }
  auto source = OpenInputs({path}, read, reporter);
  if (!source.ok()) return source.status();
  Document doc;
  std::vector<Document> found;
  while ((*source)->Next(&doc)) {
    if (want.empty() || doc.id == want) found.push_back(doc);
    if (found.size() > 1) break;
  }
  if (!(*source)->status().ok()) return (*source)->status();
  if (found.empty())
    return Status::NotFound(spec + (want.empty() ? ": no document" : ": no document with id '" + want + "'"));
  if (found.size() > 1)
    return Status::InvalidArgument(spec + ": holds more than one document; name one as FILE.jsonl#ID");
  return found[0];
}

std::string Snippet(const std::string& text, uint32_t begin, uint32_t end) {
  constexpr uint32_t kMax = 240;
  std::string s = text.substr(begin, std::min(end - begin, kMax));
  for (char& ch : s)
    if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
  if (end - begin > kMax) {
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
    if (!s.empty() && static_cast<unsigned char>(s.back()) >= 0xC0) s.pop_back();
    s += "...";
  }
  return s;
}

}  // namespace

po::options_description CompareOptionsDesc() {
  po::options_description d;
  po::options_description out("Output");
  out.add_options()("format,f", po::value<std::string>()->default_value("text"), "text or json")
      ("passages", po::value<int>()->default_value(5), "how many shared passages to show");
  d.add(out).add(InputOptions()).add(DetectionOptions()).add(RunOptions());
  return d;
}

int RunCompare(const po::variables_map& vm, Streams io) {
  if (!vm.count("inputs") || vm["inputs"].as<std::vector<std::string>>().size() != 2)
    return Fail(io.err, Status::InvalidArgument("compare takes exactly two documents: A B "
                                                "(a file, or FILE.jsonl#ID)"));
  const auto& inputs = vm["inputs"].as<std::vector<std::string>>();
  std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json")
    return Fail(io.err, Status::InvalidArgument("compare --format must be text or json"));
  ReadOptions read;
  ScanOptions scan;
  if (!MakeReadOptions(vm, &read, io.err) || !MakeScanOptions(vm, &scan, io.err)) return 1;
  StderrReporter reporter(io.err, vm.count("quiet") > 0);
  auto a = LoadOne(inputs[0], read, &reporter);
  if (!a.ok()) return Fail(io.err, a.status());
  auto b = LoadOne(inputs[1], read, &reporter);
  if (!b.ok()) return Fail(io.err, b.status());
  auto cmp = Compare(*a, *b, scan);
  if (!cmp.ok()) return Fail(io.err, cmp.status());
  const Comparison& c = *cmp;
  const PairMeasures& m = c.measures;
  const std::string& source_id = c.direction >= 0 ? a->id : b->id;
  const std::string& derived_id = c.direction >= 0 ? b->id : a->id;
  double confidence = 1.0 / (1.0 + std::exp(-std::abs(c.direction)));
  size_t shown = std::min<size_t>(c.passages.size(), static_cast<size_t>(std::max(0, vm["passages"].as<int>())));
  if (format == "json") {
    nlohmann::ordered_json j;
    j["a"] = a->id;
    j["b"] = b->id;
    j["relation"] = RelationName(c.relation);
    j["jaccard"] = Round3(m.jaccard);
    j["cosine"] = Round3(m.cosine);
    j["containment_ab"] = Round3(m.containment_ab);
    j["containment_ba"] = Round3(m.containment_ba);
    j["aligned_ab"] = Round3(m.aligned_ab);
    j["aligned_ba"] = Round3(m.aligned_ba);
    j["aligned_sentences_ab"] = m.aligned_sentences_ab;
    j["aligned_sentences_ba"] = m.aligned_sentences_ba;
    j["shingle_containment_ab"] = Round3(m.shingle_cont_ab);
    j["shingle_containment_ba"] = Round3(m.shingle_cont_ba);
    j["days_apart"] = m.days_apart >= 0 ? nlohmann::ordered_json(Round3(m.days_apart)) : nlohmann::ordered_json();
    j["shared_subject"] = m.shared_subject;
    j["names_ab"] = Round3(m.names_ab);
    j["names_ba"] = Round3(m.names_ba);
    j["source"] = source_id;
    j["derived"] = derived_id;
    j["confidence"] = Round3(confidence);
    j["evidence"] = c.evidence;
    auto passages = nlohmann::ordered_json::array();
    for (size_t i = 0; i < shown; ++i) {
      const auto& p = c.passages[i];
      passages.push_back({{"words", p.words}, {"a_offset", p.a_begin}, {"b_offset", p.b_begin},
                          {"text", Snippet(a->text, p.a_begin, p.a_end)}});
    }
    j["shared_passages"] = std::move(passages);
    io.out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return 0;
  }
  // A summary passes on its own sentences alone (see VerifyOptions::condensed_aligned): say so,
  // or the two alignment figures below would seem to contradict the verdict.
  const bool condensed = c.relation == Relation::kParaphrase && m.aligned_ab >= 0 &&
                         !AlignsBothWays(m, scan.verify);
  auto aligned = [](double share, uint32_t sentences) {
    return share < 0 ? Fixed(share, 3) : Fixed(share, 3) + " (" + std::to_string(sentences) + " sentences)";
  };
  auto share = [](double x) { return x < 0 ? std::string("- (names nothing)") : Fixed(x, 3); };
  io.out << "a: " << a->id << " (" << a->text.size() << " bytes)\n"
         << "b: " << b->id << " (" << b->text.size() << " bytes)\n\n"
         << "relation:            " << RelationName(c.relation)
         << (condensed ? " (condensed: most of the shorter text's sentences are in the other)" : "") << "\n"
         << "word-5-gram Jaccard: " << Fixed(m.jaccard, 3) << "\n"
         << "shingles a in b:     " << Fixed(m.shingle_cont_ab, 3) << ", b in a: " << Fixed(m.shingle_cont_ba, 3) << "\n"
         << "TF-IDF cosine:       " << Fixed(m.cosine, 3) << "\n"
         << "content a in b:      " << Fixed(m.containment_ab, 3) << ", b in a: " << Fixed(m.containment_ba, 3) << "\n"
         << "sentences a in b:    " << aligned(m.aligned_ab, m.aligned_sentences_ab) << ", b in a: "
         << aligned(m.aligned_ba, m.aligned_sentences_ba) << "\n"
         << "dated apart:         " << (m.days_apart >= 0 ? Fixed(m.days_apart, 1).append(" days") : std::string("-")) << "\n"
         << "shared subject:      " << (m.shared_subject ? "yes" : "no (each text's most weighted name is absent from the other)") << "\n"
         << "names a in b:        " << share(m.names_ab) << ", b in a: " << share(m.names_ba) << "\n\n"
         << "direction: " << derived_id << " derives from " << source_id << " (confidence "
         << Fixed(confidence, 2) << ")\n";
  for (const auto& e : c.evidence) io.out << "  - " << e << "\n";
  io.out << "\nshared passages: " << c.passages.size() << (c.passages.empty() ? "\n" : ", longest first\n");
  for (size_t i = 0; i < shown; ++i) {
    const auto& p = c.passages[i];
    io.out << "  [" << p.words << " words] \"" << Snippet(a->text, p.a_begin, p.a_end) << "\"\n";
  }
  return 0;
}

}  // namespace copytrail::cli
