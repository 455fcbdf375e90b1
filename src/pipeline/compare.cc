#include <algorithm>
#include <unordered_map>

#include "copytrail/pipeline.h"

namespace copytrail {
namespace {

// Maximal runs of identical words that start with a shared word k-gram.
std::vector<SharedPassage> FindPassages(const AnalyzedText& a, const AnalyzedText& b, int k) {
  std::vector<SharedPassage> out;
  const auto& ta = a.tokens;
  const auto& tb = b.tokens;
  if (ta.size() < static_cast<size_t>(k) || tb.size() < static_cast<size_t>(k)) return out;
  std::vector<uint64_t> sa, sb;
  WordShingles(ta, k, &sa);
  WordShingles(tb, k, &sb);
  std::unordered_multimap<uint64_t, uint32_t> where;
  for (uint32_t i = 0; i < sa.size(); ++i) where.emplace(sa[i], i);
  std::vector<uint8_t> covered(tb.size(), 0);
  for (uint32_t j = 0; j < sb.size(); ++j) {
    if (covered[j]) continue;
    auto [lo, hi] = where.equal_range(sb[j]);
    uint32_t best_len = 0, best_i = 0;
    for (auto it = lo; it != hi; ++it) {
      uint32_t i = it->second, len = 0;
      while (i + len < ta.size() && j + len < tb.size() && ta[i + len].hash == tb[j + len].hash) ++len;
      if (len > best_len) best_len = len, best_i = i;
    }
    if (best_len < static_cast<uint32_t>(k)) continue;
    for (uint32_t x = j; x < j + best_len; ++x) covered[x] = 1;
    out.push_back({ta[best_i].begin, ta[best_i + best_len - 1].end, tb[j].begin,
                   tb[j + best_len - 1].end, best_len});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SharedPassage& x, const SharedPassage& y) { return x.words > y.words; });
  return out;
}

}  // namespace

Result<Comparison> Compare(const Document& a, const Document& b, const ScanOptions& options) {
  COPYTRAIL_RETURN_IF_ERROR(options.Validate());
  Corpus corpus;
  SketchScratch scratch;
  for (const Document* d : {&a, &b}) {
    DocFeatures f;
    SketchDocument(*d, options.sketch, &scratch, &f, corpus.mutable_phrases());
    corpus.Add(std::move(f));
  }
  corpus.Finalize();
  Comparison c;
  c.measures = Measure(corpus, 0, 1);
  AnalyzedText ta, tb;
  Analyze(a.text, &ta);
  Analyze(b.text, &tb);
  SentenceSets sa, sb;
  BuildSentenceSets(ta, corpus, &sa);
  BuildSentenceSets(tb, corpus, &sb);
  Alignment aligned = AlignSentences(sa, sb, options.verify.sentence_overlap);
  c.measures.aligned_ab = aligned.ab;
  c.measures.aligned_ba = aligned.ba;
  c.measures.aligned_sentences_ab = aligned.ab_sentences;
  c.measures.aligned_sentences_ba = aligned.ba_sentences;
  c.relation = Classify(c.measures, options.verify);
  std::vector<std::string> forward, backward;
  PairMeasures reversed = c.measures.Swapped();
  // Two texts are no corpus to tell idiomatic phrasing from rare: the paragraphs only.
  Paragraphs pa, pb;
  SplitParagraphs(a.text, ta, &pa);
  SplitParagraphs(b.text, tb, &pb);
  TextEvidence text_ab, text_ba;
  std::vector<ParagraphProfile> profiles = ProfileParagraphs({&pa, &pb});
  text_ab.splice = CompareParagraphs(profiles[0], profiles[1]);
  text_ab.a_lead = LeadContinuity(pa);
  text_ab.b_lead = LeadContinuity(pb);
  NameMentions na, nb;
  ListNameMentions(a.text, ta, &na);
  ListNameMentions(b.text, tb, &nb);
  text_ab.mentions = CompareMentions(na, nb);
  text_ab.order = CompareOrder(profiles[0], profiles[1]);
  std::vector<SiteNameSet> names(2);
  AddSiteNames(a.url, a.source, &names[0]);
  AddSiteNames(b.url, b.source, &names[1]);
  for (SiteNameSet& own : names) SortNames(&own);
  KeepOwnNames(&names);
  SiteNameSet both = names[0];
  both.insert(both.end(), names[1].begin(), names[1].end());
  SortNames(&both);
  const NameFinder finder(both);
  text_ab.credits = CompareCredits(names[0], finder.Mentioned(a.text), names[1], finder.Mentioned(b.text));
  text_ab.a_revision = RevisionMark(a.text);
  text_ab.b_revision = RevisionMark(b.text);
  std::vector<uint32_t> fa, fb;
  ListFigures(ta, &fa);
  ListFigures(tb, &fb);
  text_ab.figures = CompareFigures(fa, fb);
  text_ba = text_ab.Reversed();
  double ab = DirectionScore(corpus, 0, 1, c.measures, 2, options.lineage, &text_ab, &forward);
  double ba = DirectionScore(corpus, 1, 0, reversed, 2, options.lineage, &text_ba, &backward);
  c.direction = (ab - ba) / 2;
  c.evidence = c.direction >= 0 ? forward : backward;
  c.passages = FindPassages(ta, tb, options.sketch.shingle_size);
  return c;
}

}  // namespace copytrail
