#include "copytrail/pipeline.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <iterator>
#include <span>
#include <mutex>
#include <thread>

#include "pipeline/similarity_matrix.h"

namespace copytrail {
namespace {

struct Batch {
  std::vector<Document> docs;
  std::vector<DocFeatures> features;
};

// Sums the per-thread tables into *out (empty). The first table becomes *out: merging it into an
// empty one would touch 4 MiB of fresh pages for nothing.
void MergeInto(tbb::enumerable_thread_specific<PhraseCounts>* tables, PhraseCounts* out) {
  bool first = true;
  for (PhraseCounts& table : *tables) {
    if (first) *out = std::move(table);
    else out->Merge(table);
    first = false;
  }
}

// Reads, sketches and collects every document; text lives only inside one batch.
Status Ingest(DocumentSource* source, const ScanOptions& options, int threads, Corpus* corpus,
              const ProgressFn& progress) {
  constexpr size_t kBatchBytes = 4 << 20, kBatchDocs = 512;
  tbb::enumerable_thread_specific<SketchScratch> scratch;
  tbb::enumerable_thread_specific<PhraseCounts> phrases;
  bool done = false;
  tbb::parallel_pipeline(
      static_cast<size_t>(threads) * 2 + 2,
      tbb::make_filter<void, Batch*>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& fc) -> Batch* {
            if (done) {
              fc.stop();
              return nullptr;
            }
            auto batch = std::make_unique<Batch>();
            size_t bytes = 0;
            Document doc;
            while (batch->docs.size() < kBatchDocs && bytes < kBatchBytes) {
              if (!source->Next(&doc)) {
                done = true;
                break;
              }
              bytes += doc.text.size();
              batch->docs.push_back(std::move(doc));
            }
            if (progress) progress(source->stats().documents, source->stats().bytes);
            if (batch->docs.empty()) {
              fc.stop();
              return nullptr;
            }
            return batch.release();
          }) &
          tbb::make_filter<Batch*, Batch*>(
              tbb::filter_mode::parallel,
              [&](Batch* batch) {
                auto& local = scratch.local();
                batch->features.resize(batch->docs.size());
                for (size_t i = 0; i < batch->docs.size(); ++i) {
                  SketchDocument(batch->docs[i], options.sketch, &local, &batch->features[i], &phrases.local());
                  std::string().swap(batch->docs[i].text);
                }
                return batch;
              }) &
          tbb::make_filter<Batch*, void>(tbb::filter_mode::serial_in_order, [&](Batch* batch) {
            std::unique_ptr<Batch> owned(batch);
            for (auto& f : batch->features) corpus->Add(std::move(f));
          }));
  MergeInto(&phrases, corpus->mutable_phrases());
  return source->status();
}

// Identical texts, as the corpus grouped them while reading: returns one representative per
// text (its first document) and appends a star of exact pairs from it to every later copy.
std::vector<DocId> ExactGroups(const Corpus& corpus, std::vector<ScoredPair>* pairs,
                               uint64_t* duplicates) {
  std::vector<DocId> reps;
  for (DocId d = 0; d < corpus.size(); ++d) {
    if (corpus.empty_document(d)) continue;
    DocId original = corpus.original_of(d);
    if (original == d) {
      reps.push_back(d);
      continue;
    }
    PairMeasures m;
    m.exact = true;
    m.jaccard = m.cosine = m.containment_ab = m.containment_ba = 1;
    m.shingle_cont_ab = m.shingle_cont_ba = 1;
    pairs->push_back({original, d, Relation::kExact, m});
    ++*duplicates;
  }
  return reps;
}

// Reads the documents `docs` in parallel and calls use(i, text) for docs[i]. Stops at the first
// read error.
template <typename Use>
Status ForEachFetched(const Corpus& corpus, const DocumentSource& source, const std::vector<DocId>& docs, Use use) {
  std::mutex mu;
  Status failure;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, docs.size(), 16), [&](auto range) {
    for (size_t i = range.begin(); i < range.end(); ++i) {
      auto text = source.Fetch(corpus.info(docs[i]).where);
      if (!text.ok()) {
        std::lock_guard lock(mu);
        failure = text.status();
        return;
      }
      use(i, *text);
    }
  });
  return failure;
}

// ForEachFetched that keeps make(d, text) for each: (*values)[i] for docs[i].
template <typename T, typename Make>
Status FetchAll(const Corpus& corpus, const DocumentSource& source, const std::vector<DocId>& docs,
                Make make, std::vector<T>* values) {
  values->assign(docs.size(), T());
  return ForEachFetched(corpus, source, docs,
                        [&](size_t i, const std::string& text) { (*values)[i] = make(docs[i], text); });
}

// FetchAll for each distinct document of the pairs `which` (indices into `measured`), read
// once: *docs sorted, (*values)[i] for (*docs)[i].
template <typename T, typename Make>
Status FetchEach(const Corpus& corpus, const DocumentSource& source,
                 std::span<const ScoredPair> measured, const std::vector<size_t>& which,
                 Make make, std::vector<DocId>* docs, std::vector<T>* values) {
  docs->clear();
  for (size_t i : which) docs->push_back(measured[i].a), docs->push_back(measured[i].b);
  std::sort(docs->begin(), docs->end());
  docs->erase(std::unique(docs->begin(), docs->end()), docs->end());
  return FetchAll(corpus, source, *docs, make, values);
}

size_t Slot(const std::vector<DocId>& docs, DocId d) {
  return static_cast<size_t>(std::lower_bound(docs.begin(), docs.end(), d) - docs.begin());
}

// Counts the phrases of every clustered text (each exact copy counted) and the words of the
// texts in no cluster, for lineage's wording evidence. The distinct texts are re-read once, in
// parallel, into one table per thread.
Status CountClusteredPhrases(const Corpus& corpus, const DocumentSource& source,
                             const std::vector<std::vector<DocId>>& clusters, PhrasingBackground* out) {
  std::vector<DocId> clustered;  // distinct texts: each text's first document
  uint64_t clustered_words = 0;
  for (const auto& members : clusters)
    for (DocId d : members) {
      clustered.push_back(corpus.original_of(d));
      clustered_words += corpus.info(d).tokens;
    }
  out->outside_words = corpus.total_tokens() - clustered_words;
  std::sort(clustered.begin(), clustered.end());
  std::vector<DocId> texts;
  std::vector<uint32_t> holders;  // how many members hold texts[i]
  for (DocId d : clustered) {
    if (texts.empty() || texts.back() != d) texts.push_back(d), holders.push_back(0);
    ++holders.back();
  }
  tbb::enumerable_thread_specific<PhraseCounts> local;
  COPYTRAIL_RETURN_IF_ERROR(ForEachFetched(corpus, source, texts, [&](size_t i, const std::string& text) {
    thread_local AnalyzedText analyzed;
    Analyze(text, &analyzed);
    local.local().Add(analyzed, holders[i]);
  }));
  MergeInto(&local, &out->clustered);
  return Status::Ok();
}

// Re-reads the distinct texts of a cluster for the evidence of its lineage that only the texts
// hold; clusters of one text, and those too large for the exact tree, go without.
Status ReadClusterTexts(const Corpus& corpus, const DocumentSource& source,
                        const std::vector<DocId>& members, const LineageOptions& options,
                        ClusterTexts* out) {
  for (DocId d : members) out->docs.push_back(corpus.original_of(d));
  std::sort(out->docs.begin(), out->docs.end());
  out->docs.erase(std::unique(out->docs.begin(), out->docs.end()), out->docs.end());
  if (out->docs.size() < 2 || out->docs.size() > options.max_exact_tree) {
    out->docs.clear();
    return Status::Ok();
  }
  // Site chrome is the copier's addition but common by nature: it must not count as phrasing.
  const uint32_t chrome_df = static_cast<uint32_t>(members.size()) + 2;
  // Regrafting compares three texts at a time, chrome included.
  const bool regraft = out->docs.size() >= 3;
  // Each text's site names, its exact copies' included: a copy elsewhere of the same text is the
  // same story under another name.
  std::vector<SiteNameSet> site_names(out->docs.size());
  for (DocId d : members)
    AddSiteNames(corpus.info(d).url, corpus.info(d).source, &site_names[Slot(out->docs, corpus.original_of(d))]);
  for (SiteNameSet& names : site_names) SortNames(&names);
  KeepOwnNames(&site_names);
  SiteNameSet all;
  for (const SiteNameSet& names : site_names) all.insert(all.end(), names.begin(), names.end());
  SortNames(&all);
  const NameFinder names(all);
  COPYTRAIL_RETURN_IF_ERROR(FetchAll(
      corpus, source, out->docs,
      [&](DocId d, const std::string& text) {
        thread_local AnalyzedText analyzed;
        ClusterTexts::Content content;
        std::string stripped;
        // One analysis of the whole text finds its chrome lines and, where there are some, gives
        // the regrafting its words; the story without them is analysed again.
        Analyze(text, &analyzed);
        // Credits are looked for in the whole text: a line such as "Source: bbc.co.uk" is chrome
        // on the copier's site.
        content.mentions = names.Mentioned(text);
        content.revision = RevisionMark(text);
        if (HasBoilerplate(corpus, d, chrome_df)) stripped = StripBoilerplate(text, analyzed, corpus, chrome_df);
        if (regraft && !stripped.empty()) {
          ListBigramsBySentence(analyzed, &content.sentences);
          content.all_bigrams = content.sentences.Distinct();
        }
        const std::string& story = stripped.empty() ? text : stripped;
        if (!stripped.empty()) Analyze(story, &analyzed);
        SentenceBigrams(analyzed, &content.bigrams);
        SplitParagraphs(story, analyzed, &content.paragraphs);
        ListNameMentions(story, analyzed, &content.names);
        ListFigures(analyzed, &content.figures);
        if (regraft) {
          ListBigramsBySentence(analyzed, &content.sentences);
          if (stripped.empty()) content.all_bigrams = content.sentences.Distinct();
        }
        return content;
      },
      &out->contents));
  for (size_t k = 0; k < out->contents.size(); ++k) out->contents[k].site_names = std::move(site_names[k]);
  return Status::Ok();
}

// Fewer than the three words MeasureShinglesExactly needs.
bool Wordless(std::string_view text) {
  thread_local AnalyzedText analyzed;
  Analyze(text, &analyzed);
  return analyzed.tokens.size() < 3;
}

// Measures a slice of the candidates; pairs that could be paraphrases also need sentence
// alignment, which re-reads their texts: each document of the slice is fetched and analysed
// once, in parallel, and dropped afterwards, so memory is bounded by the slice, not the corpus.
// `measurers` is null where the pairs are measured by merging term lists.
Status VerifySlice(const Corpus& corpus, const DocumentSource& source,
                   std::span<const CandidatePair> candidates, const VerifyOptions& options,
                   int shingle_size, tbb::enumerable_thread_specific<PairMeasurer>* measurers,
                   std::vector<ScoredPair>* out) {
  // Only the pairs that can still be related are kept: those the shingles make near-duplicates,
  // those that need sentence alignment and any other that Classify accepts now (nothing below
  // changes the measures of the rest). Most candidates fail at once (1 in 12 was kept on the
  // shared corpora), and keeping every measured pair cost 150 bytes each of fresh memory,
  // zeroed serially before the parallel loop: 40 MB and 80 ms with one core busy per slice.
  tbb::enumerable_thread_specific<std::vector<ScoredPair>> kept;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, candidates.size(), 1024), [&](auto range) {
    PairMeasurer* measurer = measurers ? &measurers->local() : nullptr;
    auto& local = kept.local();
    for (size_t i = range.begin(); i < range.end(); ++i) {
      auto [a, b] = candidates[i];
      PairMeasures m = measurer ? measurer->Measure(a, b) : Measure(corpus, a, b);
      if (IsNear(m, options) || NeedsAlignment(m, options) || Classify(m, options) != Relation::kNone)
        local.push_back({a, b, Relation::kNone, m});
    }
  });
  std::vector<ScoredPair> measured;
  for (const auto& local : kept) measured.insert(measured.end(), local.begin(), local.end());
  // The candidates are sorted and unique, so this is their order, whichever way the threads
  // split the work.
  std::sort(measured.begin(), measured.end(),
            [](const ScoredPair& x, const ScoredPair& y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); });
  // Near-duplicates that involve a short document with site chrome are measured again without
  // the chrome lines: two stubs that share a footer and nothing else are not copies. In longer
  // texts chrome is too small a share of the shingles to matter, and lines shared by a large
  // family of syndicated copies must keep counting.
  std::vector<size_t> recheck;
  for (size_t i = 0; i < measured.size(); ++i) {
    const ScoredPair& p = measured[i];
    if (p.measures.exact || !IsNear(p.measures, options) || !SubjectAllows(p.measures, options)) continue;
    if (std::min(corpus.info(p.a).tokens, corpus.info(p.b).tokens) >= options.short_document_words) continue;
    if (HasBoilerplate(corpus, p.a, options.boilerplate_min_df) ||
        HasBoilerplate(corpus, p.b, options.boilerplate_min_df))
      recheck.push_back(i);
  }
  std::vector<DocId> docs;
  std::vector<std::string> stripped;
  COPYTRAIL_RETURN_IF_ERROR(FetchEach(
      corpus, source, measured, recheck,
      [&](DocId, const std::string& text) {
        thread_local AnalyzedText analyzed;
        Analyze(text, &analyzed);
        return StripBoilerplate(text, analyzed, corpus, options.boilerplate_min_df);
      },
      &docs, &stripped));
  tbb::parallel_for(tbb::blocked_range<size_t>(0, recheck.size(), 16), [&](auto range) {
    for (size_t k = range.begin(); k < range.end(); ++k) {
      ScoredPair& p = measured[recheck[k]];
      const std::string& a = stripped[Slot(docs, p.a)];
      const std::string& b = stripped[Slot(docs, p.b)];
      // A side with nothing left but chrome beside the other's own story is no copy. Where both
      // sides are nothing but lines found across the corpus, those lines are the story itself (a
      // brief syndicated to five sites or more), and the pair stands as first measured.
      if (!MeasureShinglesExactly(a, b, shingle_size, &p.measures) && !(Wordless(a) && Wordless(b)))
        p.measures.jaccard = p.measures.shingle_cont_ab = p.measures.shingle_cont_ba = 0;
    }
  });

  std::vector<size_t> to_align;
  for (size_t i = 0; i < measured.size(); ++i)
    if (NeedsAlignment(measured[i].measures, options)) to_align.push_back(i);
  std::vector<SentenceSets> sets;
  COPYTRAIL_RETURN_IF_ERROR(FetchEach(
      corpus, source, measured, to_align,
      [&](DocId, const std::string& text) {
        thread_local AnalyzedText analyzed;
        SentenceSets result;
        Analyze(text, &analyzed);
        BuildSentenceSets(analyzed, corpus, &result);
        return result;
      },
      &docs, &sets));
  // Classify rejects a pair whose weaker direction aligns less than this, far apart or not.
  const double hopeless = std::min(options.paraphrase_aligned_min, options.far_aligned_min);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, to_align.size(), 64), [&](auto range) {
    for (size_t k = range.begin(); k < range.end(); ++k) {
      ScoredPair& p = measured[to_align[k]];
      const SentenceSets& sa = sets[Slot(docs, p.a)];
      const SentenceSets& sb = sets[Slot(docs, p.b)];
      Alignment aligned = AlignSentences(sa, sb, options.sentence_overlap,
                                         MayBeCondensed(p.measures, options) ? 0 : hopeless);
      p.measures.aligned_ab = aligned.ab;
      p.measures.aligned_ba = aligned.ba;
      p.measures.aligned_sentences_ab = aligned.ab_sentences;
      p.measures.aligned_sentences_ba = aligned.ba_sentences;
    }
  });
  for (ScoredPair& p : measured) {
    p.relation = Classify(p.measures, options);
    if (p.relation != Relation::kNone) out->push_back(p);
  }
  return Status::Ok();
}

Status Verify(const Corpus& corpus, const DocumentSource& source,
              const std::vector<CandidatePair>& candidates, const VerifyOptions& options,
              int shingle_size, std::vector<ScoredPair>* out) {
  // A PairMeasurer holds 5 bytes per vocabulary term; with a web-scale vocabulary on many cores
  // that would be gigabytes, so past this budget the pairs are measured by merging term lists.
  // The measurers serve every slice: their arrays are allocated and cleared once per thread.
  constexpr size_t kMeasurerBudget = size_t{512} << 20;
  const bool dense = corpus.vocabulary_size() * 5 * static_cast<size_t>(tbb::this_task_arena::max_concurrency()) <=
                     kMeasurerBudget;
  tbb::enumerable_thread_specific<PairMeasurer> measurers(std::cref(corpus));
  constexpr size_t kSlice = 1 << 18;
  for (size_t start = 0; start < candidates.size(); start += kSlice) {
    size_t n = std::min(kSlice, candidates.size() - start);
    COPYTRAIL_RETURN_IF_ERROR(VerifySlice(corpus, source, {candidates.data() + start, n}, options, shingle_size,
                                          dense ? &measurers : nullptr, out));
  }
  return Status::Ok();
}

}  // namespace

Status ScanOptions::Validate() const {
  COPYTRAIL_RETURN_IF_ERROR(sketch.Validate());
  COPYTRAIL_RETURN_IF_ERROR(lsh.Validate());
  COPYTRAIL_RETURN_IF_ERROR(verify.Validate());
  if (threads < 0) return Status::InvalidArgument("--threads must be >= 0, got " + std::to_string(threads));
  return Status::Ok();
}

Result<ScanResult> Scan(DocumentSource* source, const ScanOptions& options, Reporter* reporter,
                        const ProgressFn& progress) {
  COPYTRAIL_RETURN_IF_ERROR(options.Validate());
  int threads = options.threads > 0 ? options.threads
                                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);

  ScanResult result;
  Corpus& corpus = result.corpus;
  ScanStats& stats = result.stats;
  auto clock = std::chrono::steady_clock::now();
  auto lap = [&clock](double* seconds) {
    auto now = std::chrono::steady_clock::now();
    *seconds = std::chrono::duration<double>(now - clock).count();
    clock = now;
  };
  COPYTRAIL_RETURN_IF_ERROR(Ingest(source, options, threads, &corpus, progress));
  result.stats.read = source->stats();
  corpus.Finalize();
  for (DocId d = 0; d < corpus.size(); ++d) {
    const DocInfo& info = corpus.info(d);
    const bool empty = corpus.empty_document(d);
    double days;
    bool timed;
    const DateRead date = info.date.empty() ? DateRead::kRead : ParseDate(info.date, &days, &timed);
    const bool bad_date = date != DateRead::kRead;
    if (!empty && !bad_date) continue;
    std::string where = source->DisplayName(info.where);
    if (info.where.line > 0) where.append(":").append(std::to_string(info.where.line));
    if (empty) {
      ++result.stats.empty_documents;
      reporter->Warning(where, Status::InvalidArgument("document '" + info.id + "' has no words; counted but not clustered"));
    }
    if (bad_date) {
      ++result.stats.unreadable_dates;
      reporter->Warning(where, Status::InvalidArgument(
                                   "document '" + info.id + "' has date '" + info.date +
                                   "', which is neither ISO 8601 (YYYY-MM-DD, optionally with a time HH:MM[:SS] and a "
                                   "zone), RFC 2822 (Tue, 25 Nov 2025 10:00:00 GMT) nor Unix time; " +
                                   (date == DateRead::kDayOnly ? "only its day is used" : "treated as undated")));
    }
  }

  lap(&stats.read_seconds);
  std::vector<ScoredPair> related;
  std::vector<DocId> reps = ExactGroups(corpus, &related, &result.stats.exact_duplicates);
  std::vector<CandidatePair> candidates = LshCandidates(corpus, reps, options.lsh, &result.stats.candidates);
  if (options.verify.paraphrase) {
    std::vector<CandidatePair> more;
    if (reps.size() <= options.dense_matrix_limit) {
      result.stats.dense_matrix = true;
      more = AllPairsAboveCosine(corpus, reps, options.verify.paraphrase_cosine * 0.8);
      result.stats.candidates.paraphrase_pairs = more.size();
    } else {
      more = ParaphraseCandidates(corpus, reps, options.paraphrase_candidates, options.verify.shared_subject,
                                  &result.stats.candidates);
    }
    // Both lists are sorted and unique: one merge.
    std::vector<CandidatePair> both;
    both.reserve(candidates.size() + more.size());
    std::set_union(candidates.begin(), candidates.end(), more.begin(), more.end(), std::back_inserter(both));
    candidates.swap(both);
  }
  result.stats.verified_pairs = candidates.size();
  lap(&stats.candidate_seconds);
  COPYTRAIL_RETURN_IF_ERROR(Verify(corpus, *source, candidates, options.verify, options.sketch.shingle_size, &related));
  std::sort(related.begin(), related.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });

  lap(&stats.verify_seconds);
  result.clusters = BuildClusters(corpus, related, options.cluster, &result.stats.cluster);
  std::vector<int64_t> cluster_of(corpus.size(), -1);
  for (size_t c = 0; c < result.clusters.size(); ++c)
    for (DocId d : result.clusters[c]) cluster_of[d] = static_cast<int64_t>(c);
  for (const ScoredPair& p : related)
    if (cluster_of[p.a] >= 0 && cluster_of[p.a] == cluster_of[p.b]) result.pairs.push_back(p);
  result.stats.related_pairs = result.pairs.size();

  lap(&stats.cluster_seconds);
  result.lineages.resize(result.clusters.size());
  PhrasingBackground background;
  COPYTRAIL_RETURN_IF_ERROR(CountClusteredPhrases(corpus, *source, result.clusters, &background));
  std::mutex mu;
  Status failure;
  tbb::parallel_for(size_t{0}, result.clusters.size(), [&](size_t c) {
    ClusterTexts texts;
    texts.background = &background;
    Status read = ReadClusterTexts(corpus, *source, result.clusters[c], options.lineage, &texts);
    if (!read.ok()) {
      std::lock_guard lock(mu);
      failure = read;
      return;
    }
    result.lineages[c] = BuildLineage(corpus, result.clusters[c], options.lineage, &texts);
  });
  COPYTRAIL_RETURN_IF_ERROR(failure);
  lap(&stats.lineage_seconds);
  return result;
}

}  // namespace copytrail
