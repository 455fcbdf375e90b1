#include <catch2/catch.hpp>

#include "copytrail/pipeline.h"
#include "support/test_support.h"

using namespace copytrail;

namespace {

ScanResult ScanData(int threads) {
  CountingReporter reporter;
  auto source = OpenInputs({copytrail::testing::SourceDir() + "/data"}, ReadOptions(), &reporter);
  REQUIRE(source.ok());
  ScanOptions options;
  options.threads = threads;
  auto r = Scan(source->get(), options, &reporter);
  REQUIRE(r.ok());
  CHECK(reporter.count() == 0);
  return std::move(r.value());
}

using Clusters = std::vector<std::vector<std::string>>;

// The clusters (as ids) of `docs` scanned among five unrelated texts, which give the corpus an
// IDF: a handful of related texts alone would make every shared word common.
Clusters ClusterIds(std::vector<Document> docs, const ScanOptions& options, uint64_t seed) {
  for (int i = 0; i < 5; ++i)
    docs.push_back(copytrail::testing::Doc("other" + std::to_string(i), copytrail::testing::RandomText(seed + i, 300)));
  CountingReporter reporter;
  auto r = Scan(MemorySource(std::move(docs)).get(), options, &reporter);
  REQUIRE(r.ok());
  Clusters ids;
  for (const auto& c : r->clusters) {
    ids.emplace_back();
    for (DocId d : c) ids.back().push_back(r->corpus.info(d).id);
  }
  return ids;
}

}  // namespace

TEST_CASE("sample articles: the AI rewrite clusters with its source, same-event reports do not",
          "[pipeline]") {
  ScanResult r = ScanData(0);
  REQUIRE(r.corpus.size() == 5);
  REQUIRE(r.clusters.size() == 1);
  const auto& c = r.clusters[0];
  REQUIRE(c.size() == 2);
  CHECK(r.corpus.info(c[0]).id == "000_9b1ef71f9325d4ed.txt");
  CHECK(r.corpus.info(c[1]).id == "001_59c9348fd6c662fd.txt");
  const auto& lin = r.lineages[0];
  CHECK(r.corpus.info(lin.root).id == "001_59c9348fd6c662fd.txt");
  REQUIRE(lin.edges.size() == 1);
  CHECK(lin.edges[0].relation == Relation::kParaphrase);
  CHECK(lin.edges[0].confidence > 0.7);
}

TEST_CASE("a rewrite dated weeks after its source must align strongly", "[pipeline]") {
  // The sample rewrite aligns well enough to count when the two appear within days of each
  // other, but not as strongly as a follow-up story weeks later would have to.
  const std::string source = copytrail::testing::SourceFile("data/001_59c9348fd6c662fd.txt");
  const std::string rewrite = copytrail::testing::SourceFile("data/000_9b1ef71f9325d4ed.txt");
  REQUIRE(!source.empty());
  REQUIRE(!rewrite.empty());
  auto clusters = [&](const std::string& rewrite_date, double max_days) {
    ScanOptions options;
    options.verify.paraphrase_max_days = max_days;
    return ClusterIds({copytrail::testing::Doc("source", source, "2025-03-01T09:00:00"),
                       copytrail::testing::Doc("rewrite", rewrite, rewrite_date)},
                      options, 40)
        .size();
  };
  CHECK(clusters("2025-03-02T10:00:00", 7) == 1);
  CHECK(clusters("2025-04-15T10:00:00", 7) == 0);
  CHECK(clusters("2025-04-15T10:00:00", 0) == 1);  // rule off
  CHECK(clusters("", 7) == 1);                     // no date, no rule
}

TEST_CASE("a summary of its source is a rewrite though it covers little of it", "[pipeline]") {
  // A headline and five sentences in other words, each from the source, which has forty: few of
  // the source's sentences have a counterpart in the summary, but nearly all of the summary's do.
  const std::string source = copytrail::testing::SourceFile("data/001_59c9348fd6c662fd.txt");
  const std::string summary = copytrail::testing::SourceFile("tests/data/summary_of_001.txt");
  REQUIRE(!source.empty());
  REQUIRE(!summary.empty());
  auto scan = [&](uint32_t condensed_min_sentences) {
    ScanOptions options;
    options.verify.condensed_min_sentences = condensed_min_sentences;
    return ClusterIds({copytrail::testing::Doc("source", source), copytrail::testing::Doc("summary", summary)},
                      options, 50);
  };
  CHECK(scan(VerifyOptions().condensed_min_sentences) == Clusters{{"source", "summary"}});
  CHECK(scan(100).empty());  // a summary is more than a flash: with fewer sentences it would not count
}

TEST_CASE("another edition of a recurring report is no copy; a copy with a corrected figure is", "[pipeline]") {
  // Two weeks of one bill-auction report: the template word for word, the figures new (last
  // week's rates recur as this week's comparison). And a copy of the first week with one figure
  // corrected and a footer added.
  auto edition = [](const std::string& r3, const std::string& r6, const std::string& prev3, const std::string& prev6,
                    const std::string& bey, const std::string& low, const std::string& high, const std::string& share,
                    const std::string& accepted) {
    return "U.S. BILL AUCTION RATES AVERAGE " + r3 + ", " + r6 + " PCT\n\n"
           "The U.S. Treasury said its weekly auction of three-month bills produced an average rate of " + r3 +
           " pct, with a " + r6 + " pct rate on six-month bills.\n\nThese rates compared with averages of " + prev3 +
           " pct for the three- and " + prev6 + " pct for the six-month bills sold last week.\n\n"
           "The bond-equivalent yield on three-month bills was " + bey + " pct. Accepted bids ranged from " + low +
           " pct to " + high + " pct and " + share + " pct of the bids at the high, or stop, rate were accepted.\n\n"
           "The Treasury said it received tenders from dealers, banks and other investors across the country, and "
           "that noncompetitive tenders from small investors were accepted in full at the average price. Bills in "
           "the auction are issued in minimum denominations of ten thousand dollars and in multiples of five thousand "
           "dollars above that, and they are sold at a discount from their face value. The department said it "
           "accepted " + accepted + " billion dlrs of the bids it received.\n";
  };
  const std::string first = edition("5.63", "5.59", "5.47", "5.51", "5.81", "5.62", "5.64", "42", "6.6");
  const std::string second = edition("5.72", "5.80", "5.63", "5.59", "5.90", "5.70", "5.73", "78", "6.8");
  std::string copy = first;
  copy.replace(copy.find("5.81"), 4, "5.82");
  copy += "\nCopyright 2026 Wire Digest. All rights reserved. Share this story.\n";
  auto scan = [&](double near_numbers) {
    ScanOptions options;
    options.verify.near_numbers = near_numbers;
    return ClusterIds({copytrail::testing::Doc("first", first), copytrail::testing::Doc("second", second),
                       copytrail::testing::Doc("copy", copy)},
                      options, 80);
  };
  CHECK(scan(VerifyOptions().near_numbers) == Clusters{{"first", "copy"}});
  CHECK(scan(0) == Clusters{{"first", "second", "copy"}});  // rule off: the editions share 54% of their 5-grams
}

TEST_CASE("templated notices about different subjects are not rewrites of each other", "[pipeline]") {
  // Two dividend notices from one template (same figures, other company) and a rewrite of the
  // first: only the rewrite joins it.
  const std::string medtronic =
      "Medtronic Inc said its board declared a regular quarterly dividend of 22 cents per share, payable on April 30 to shareholders of record on April 10.\n"
      "\n"
      "The medical device maker said the payout reflects steady demand for its heart pacemakers and a strong order book.\n"
      "\n"
      "Shares of Medtronic rose after the news. Medtronic has raised its dividend in each of the last 15 years, the company added in a statement issued in Minneapolis.";
  const std::string southeast =
      "Southeast Banking Corp said its directors approved a regular quarterly dividend of 22 cents a share, payable April 30 to holders of record April 10.\n"
      "\n"
      "The Miami bank holding company said the payout reflects steady demand for its commercial loans and a strong deposit base.\n"
      "\n"
      "Shares of Southeast Banking rose after the news. Southeast Banking has increased its dividend in each of the past 15 years, the company said in a statement.";
  const std::string rewrite =
      "The board of Medtronic Inc has approved a regular quarterly payout of 22 cents a share, the company said, payable April 30 to holders of record as of April 10.\n"
      "\n"
      "According to the maker of medical devices, the dividend reflects steady demand for its pacemakers and a robust order book.\n"
      "\n"
      "Shares of Medtronic rose on the news. In a statement from Minneapolis, Medtronic noted that it has increased the dividend in each of the past 15 years.";
  auto scan = [&](bool shared_subject, double paraphrase_names) {
    ScanOptions options;
    options.verify.shared_subject = shared_subject;
    options.verify.paraphrase_names = paraphrase_names;
    return ClusterIds({copytrail::testing::Doc("medtronic", medtronic),
                       copytrail::testing::Doc("southeast", southeast),
                       copytrail::testing::Doc("rewrite", rewrite)},
                      options, 60);
  };
  const double names = VerifyOptions().paraphrase_names;
  CHECK(scan(true, names) == Clusters{{"medtronic", "rewrite"}});
  // Each rule alone keeps the notices apart.
  CHECK(scan(true, 0) == Clusters{{"medtronic", "rewrite"}});
  CHECK(scan(false, names) == Clusters{{"medtronic", "rewrite"}});
  CHECK(scan(false, 0) == Clusters{{"medtronic", "southeast", "rewrite"}});
}

TEST_CASE("a rewrite of one templated notice does not pull in another issuer's", "[pipeline]") {
  // Two banks' bond issues from one template, with one lead manager named most often in both, so
  // the subject rule sees one subject; and a rewrite of the first, which keeps its names.
  auto notice = [](const std::string& issuer, const std::string& name, const std::string& amount,
                   const std::string& due, const std::string& coupon, const std::string& price,
                   const std::string& city) {
    return issuer + " is issuing a " + amount + " mln Australian dlr eurobond due " + due + ", 1992 paying " + coupon +
           " pct and priced at " + price + ", lead manager Hambros Bank said. Hambros said the " + name +
           " issue met good demand in " + city + ", where Hambros placed most of it.\n\nThe " + name +
           " bond is non-callable, available to " + name +
           " investors in denominations of 1,000 dlrs and listed in Luxembourg. Hambros expects " + name +
           " to price a second tranche in June, and Hambros will lead that too.\n\nFees on the " + name +
           " paper total 2 pct, Hambros said, and payment for " + name + " is due on May 5.";
  };
  const std::string westpac = notice("Westpac Banking Corp", "Westpac", "50", "May 15", "14-1/2", "101-1/4", "Zurich");
  const std::string toronto = notice("Toronto Dominion Bank, Nassau Branch,", "Toronto Dominion", "40", "May 20",
                                     "14-3/8", "101-3/8", "Frankfurt");
  const std::string rewrite =
      "Hambros Bank, the lead manager, said Westpac Banking Corp is selling a 14-1/2 pct eurobond of 50 mln "
      "Australian dlrs maturing on May 15, 1992, priced at 101-1/4. Demand was good in Zurich, where Hambros "
      "placed most of the bonds.\n\nListed in Luxembourg, the bond cannot be called and comes in 1,000 dlr "
      "denominations. According to Hambros, Westpac should price another tranche in June, again with Hambros "
      "as lead manager.\n\nPayment falls due on May 5 and fees come to 2 pct, according to Hambros.";
  auto scan = [&](double paraphrase_names) {
    ScanOptions options;
    options.verify.paraphrase_names = paraphrase_names;
    return ClusterIds({copytrail::testing::Doc("westpac", westpac), copytrail::testing::Doc("toronto", toronto),
                       copytrail::testing::Doc("rewrite", rewrite)},
                      options, 70);
  };
  CHECK(scan(VerifyOptions().paraphrase_names) == Clusters{{"westpac", "rewrite"}});
  CHECK(scan(0) == Clusters{{"westpac", "toronto", "rewrite"}});
}

TEST_CASE("a headline in capitals names no one: notices of different issuers stay apart", "[pipeline]") {
  // One template, two issuers. "YEN" and "BONDS" are capitalised in the headlines only; were they
  // names, both notices would be about yen bonds and the subject rule could not tell them apart.
  const std::string acme =
      "ACME FINANCE ISSUES YEN BONDS\n"
      "\n"
      "Acme Finance Corp is issuing a 20 billion yen bond due April 23, 1992 carrying a 4-3/8 pct coupon and "
      "priced at 102-3/4, said Yamato Securities Ltd as lead manager.\n"
      "\n"
      "The bonds are payable on April 23, 1987 and are available in denominations of one mln yen. They will "
      "be listed on the London Stock Exchange.\n"
      "\n"
      "There is a 1-1/4 pct selling concession and a 5/8 pct combined management and underwriting fee.\n";
  const std::string nordbank =
      "NORDBANK ISSUES YEN BONDS\n"
      "\n"
      "Nordbank Capital is issuing a 10 billion yen bond due October 23, 1992 carrying a 4-1/2 pct coupon and "
      "priced at 101-3/8, said Kanto Securities Ltd as lead manager.\n"
      "\n"
      "The bonds are payable on April 23, 1987 and are available in denominations of one mln yen. They will "
      "be listed on the London Stock Exchange.\n"
      "\n"
      "There is a 1-1/4 pct selling concession and a 5/8 pct combined management and underwriting fee.\n";
  const std::string reissue = "CORRECTED - " + acme;
  CHECK(ClusterIds({copytrail::testing::Doc("acme", acme), copytrail::testing::Doc("nordbank", nordbank),
                    copytrail::testing::Doc("reissue", reissue)},
                   ScanOptions(), 90) == Clusters{{"acme", "reissue"}});
}

TEST_CASE("one-line notices of different banks are not copies of each other", "[pipeline]") {
  std::vector<Document> docs = {
      copytrail::testing::Doc("marine", "Marine Midland Bank said it cuts its prime rate to 9.25 pct from 9.75 pct, "
                                        "effective immediately, following similar moves by other major banks."),
      copytrail::testing::Doc("republic", "First Republic Bank Dallas said it cuts its prime rate to 9.25 pct from 9.75 pct, "
                                          "effective immediately, following similar moves by other major banks."),
      copytrail::testing::Doc("reissue", "Marine Midland Bank said it cuts its prime lending rate to 9.25 pct from 9.75 pct, "
                                         "effective immediately, following similar moves by other major banks.")};
  CHECK(ClusterIds(std::move(docs), ScanOptions(), 80) == Clusters{{"marine", "reissue"}});
}

TEST_CASE("results do not depend on the number of threads", "[pipeline]") {
  ScanResult one = ScanData(1), two = ScanData(2);
  CHECK(one.clusters == two.clusters);
  REQUIRE(one.pairs.size() == two.pairs.size());
  for (size_t i = 0; i < one.pairs.size(); ++i) CHECK(one.pairs[i].measures.cosine == two.pairs[i].measures.cosine);
}

TEST_CASE("lineage, wording evidence included, does not depend on the number of threads", "[pipeline]") {
  // Many texts share one phrase, so that the threads count it at once; families of copies that
  // break that phrase read the counts in their lineage.
  using copytrail::testing::Doc;
  using copytrail::testing::RandomText;
  std::vector<Document> docs;
  for (int i = 0; i < 400; ++i)
    docs.push_back(Doc(std::string("t").append(std::to_string(i)), RandomText(3000 + i, 150) + " The alpha beta gamma."));
  for (int f = 0; f < 5; ++f) {
    std::string story = RandomText(4000 + f, 150) + " The alpha beta gamma. " + RandomText(4100 + f, 150);
    std::string name = std::string("f").append(std::to_string(f));
    docs.push_back(Doc(name, story));
    for (int c = 0; c < 3; ++c) {
      std::string copy = story;
      copy.replace(copy.find("alpha beta"), 10, "alpha reportedly beta");
      copy.insert(copy.find(' ', (c + 1) * copy.size() / 5), std::string(" z").append(std::to_string(c)));
      docs.push_back(Doc(std::string(name).append("c").append(std::to_string(c)), copy));
    }
  }
  auto scan = [&](int threads) {
    ScanOptions options;
    options.threads = threads;
    options.lineage.phrasing_min_words = 1000;
    auto source = MemorySource(docs);
    CountingReporter reporter;
    auto r = Scan(source.get(), options, &reporter);
    REQUIRE(r.ok());
    return std::move(r.value());
  };
  ScanResult one = scan(1), four = scan(4);
  REQUIRE(one.lineages.size() == four.lineages.size());
  bool wording = false;
  for (size_t c = 0; c < one.lineages.size(); ++c) {
    CHECK(one.lineages[c].root == four.lineages[c].root);
    REQUIRE(one.lineages[c].edges.size() == four.lineages[c].edges.size());
    for (size_t e = 0; e < one.lineages[c].edges.size(); ++e) {
      const LineageEdge &x = one.lineages[c].edges[e], &y = four.lineages[c].edges[e];
      CHECK(x.parent == y.parent);
      CHECK(x.confidence == y.confidence);
      CHECK(x.evidence == y.evidence);
      for (const auto& s : x.evidence) wording |= s.find("wording") != std::string::npos;
    }
  }
  CHECK(wording);
}

TEST_CASE("compare: the pair in depth", "[pipeline]") {
  std::string base = copytrail::testing::RandomText(9, 300);
  Document a = copytrail::testing::Doc("a", base);
  Document b = copytrail::testing::Doc("b", base.substr(0, base.size() / 2));
  auto c = Compare(a, b, ScanOptions());
  REQUIRE(c.ok());
  CHECK(c->relation == Relation::kNear);
  CHECK(c->measures.shingle_cont_ba > 0.9);
  CHECK(c->direction > 0);  // a is the source
  REQUIRE_FALSE(c->passages.empty());
  CHECK(c->passages[0].words > 100);
  CHECK(a.text.substr(c->passages[0].a_begin, 20) == b.text.substr(c->passages[0].b_begin, 20));
}

TEST_CASE("ScanOptions::Validate rejects nonsense", "[pipeline]") {
  ScanOptions o;
  o.verify.paraphrase_cosine = 2;
  CHECK_FALSE(o.Validate().ok());
  o = ScanOptions();
  o.sketch.shingle_size = 0;
  CHECK_THAT(o.Validate().message(), Catch::Contains("shingle-size"));
}

namespace {

// Scans `docs` among five unrelated texts; the relations of the pairs that were clustered.
std::vector<Relation> ClusteredRelations(std::vector<Document> docs, const ScanOptions& options, size_t* clusters) {
  for (int i = 0; i < 5; ++i)
    docs.push_back(copytrail::testing::Doc("other" + std::to_string(i), copytrail::testing::RandomText(70 + i, 300)));
  CountingReporter reporter;
  auto r = Scan(MemorySource(std::move(docs)).get(), options, &reporter);
  REQUIRE(r.ok());
  *clusters = r->clusters.size();
  std::vector<Relation> relations;
  for (const ScoredPair& p : r->pairs) relations.push_back(p.relation);
  return relations;
}

}  // namespace

TEST_CASE("with the paraphrase tier off, a rewrite that is a near-duplicate candidate stays apart",
          "[pipeline]") {
  // Every eighth word swapped for another: too few shingles kept for a near-duplicate, but a low
  // LSH threshold makes the pair a candidate, and the paraphrase tier would take it.
  std::string story = copytrail::testing::RandomText(60, 400), copy;
  size_t word = 0;
  for (size_t i = 0; i < story.size(); ++i) {
    if (story[i] == ' ' && ++word % 8 == 0) copy += " qzz" + std::to_string(word);
    else copy += story[i];
  }
  std::vector<Document> docs = {copytrail::testing::Doc("story", story), copytrail::testing::Doc("copy", copy)};
  ScanOptions options;
  options.lsh.threshold = 0.05;
  size_t clusters = 0;
  CHECK(ClusteredRelations(docs, options, &clusters) == std::vector<Relation>{Relation::kParaphrase});
  options.verify.paraphrase = false;
  CHECK(ClusteredRelations(docs, options, &clusters).empty());
  CHECK(clusters == 0);
}

TEST_CASE("a short brief syndicated verbatim to many sites is a near-duplicate, not site chrome",
          "[pipeline]") {
  // Six sites, each with its own header and footer on ten pages of its own and on the brief: the
  // brief's lines recur in six texts, as often as chrome does, but they are all the brief holds.
  const std::string brief =
      "Shares in Acme Holdings rose sharply on Tuesday after the company said quarterly profit beat forecasts.\n"
      "The company reported net income of 41 million dollars, up from 29 million a year earlier.\n"
      "Chief executive Jane Morrow said demand from Asian customers had recovered faster than expected.\n"
      "The shares closed up nine percent in heavy trading.";
  std::vector<Document> docs;
  for (int s = 0; s < 6; ++s) {
    const std::string site = "Site" + std::to_string(s);
    const std::string header = site + " News Network: the latest headlines from " + site + " today";
    const std::string footer = "Copyright " + site + " Media Group. All rights reserved. Contact " + site + " for licensing.";
    docs.push_back(copytrail::testing::Doc("brief@" + site, header + "\n\n" + brief + "\n\n" + footer));
    for (int p = 0; p < 10; ++p)
      docs.push_back(copytrail::testing::Doc(
          "page" + std::to_string(p) + "@" + site,
          header + "\n\n" + copytrail::testing::RandomText(100 * static_cast<uint64_t>(s) + static_cast<uint64_t>(p), 80) +
              "\n\n" + footer));
  }
  for (bool paraphrase : {true, false}) {
    ScanOptions options;
    options.verify.paraphrase = paraphrase;
    size_t clusters = 0;
    CHECK(ClusteredRelations(docs, options, &clusters) == std::vector<Relation>(15, Relation::kNear));
    CHECK(clusters == 1);
  }
}
