#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli/cli.h"
#include "support/compress.h"
#include "support/test_support.h"

using copytrail::testing::SourceDir;
using copytrail::testing::TempDir;
using nlohmann::json;

namespace {

struct Run {
  int status;
  std::string out, err;
};

Run Cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  int status = copytrail::cli::Run(args, out, err);
  return {status, out.str(), err.str()};
}

std::string Data() { return SourceDir() + "/data"; }

}  // namespace

TEST_CASE("scan --format json follows the report contract", "[cli]") {
  Run r = Cli({"scan", Data(), "--format", "json"});
  REQUIRE(r.status == 0);
  json j = json::parse(r.out);
  CHECK(j["documents"] == 5);
  CHECK(j["copytrail"].is_string());
  REQUIRE(j["clusters"].size() == 1);
  const json& c = j["clusters"][0];
  CHECK(c["id"] == 0);
  CHECK(c["root"] == "001_59c9348fd6c662fd.txt");
  CHECK(c["members"] == json({"001_59c9348fd6c662fd.txt", "000_9b1ef71f9325d4ed.txt"}));
  // The rewrite is the only other candidate for the original, and a far weaker one.
  CHECK(c["root_confidence"].get<double>() > 0.9);
  CHECK(c["root_confidence"].get<double>() <= 1);
  CHECK(c["root_alternative"] == "000_9b1ef71f9325d4ed.txt");
  REQUIRE(c["edges"].size() == 1);
  const json& e = c["edges"][0];
  CHECK(e["parent"] == "001_59c9348fd6c662fd.txt");
  CHECK(e["child"] == "000_9b1ef71f9325d4ed.txt");
  CHECK(e["relation"] == "paraphrase");
  for (const char* key : {"similarity", "confidence"}) CHECK(e[key].is_number());
  CHECK(e["evidence"].size() >= 2);
  REQUIRE(j["pairs"].size() == 1);
  // The paraphrase tier's measures come with it: the rewrite keeps most of its names and figures.
  for (const char* key : {"a", "b", "relation", "jaccard", "cosine", "containment_ab", "containment_ba",
                          "aligned_ab", "aligned_ba", "names_ab", "names_ba", "numbers_ab", "numbers_ba"})
    CHECK(j["pairs"][0].contains(key));
  const json& p = j["pairs"][0];
  CHECK(std::max(p["names_ab"].get<double>(), p["names_ba"].get<double>()) >= 0.8);
}

TEST_CASE("scan --format json keeps ids that need escaping intact", "[cli]") {
  TempDir dir;
  const std::string story = copytrail::testing::RandomText(5, 300);
  json lines = json::array();
  std::string jsonl;
  for (const std::string& id : {std::string("say \"hi\""), std::string("back\\slash"),
                                std::string("tab\there"), std::string("caf\u00e9 \u00fcber"),
                                std::string("plain-id")})
    jsonl += json({{"id", id}, {"text", story + (id == "plain-id" ? "" : " " + id)}}).dump() + "\n";
  Run r = Cli({"scan", dir.Write("odd.jsonl", jsonl), "--format", "json"});
  REQUIRE(r.status == 0);
  json j = json::parse(r.out);
  REQUIRE(j["clusters"].size() == 1);
  std::vector<std::string> members = j["clusters"][0]["members"];
  std::sort(members.begin(), members.end());
  CHECK(members == std::vector<std::string>{"back\\slash", "caf\u00e9 \u00fcber", "plain-id",
                                            "say \"hi\"", "tab\there"});
  for (const json& e : j["clusters"][0]["edges"]) CHECK(e["evidence"].size() >= 1);
}

TEST_CASE("scan text, csv, dot and html name the cluster and its evidence", "[cli]") {
  for (const char* format : {"text", "csv", "dot", "html"}) {
    INFO(format);
    Run r = Cli({"scan", Data(), "-f", format});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("000_9b1ef71f9325d4ed.txt") && Catch::Contains("001_59c9348fd6c662fd.txt"));
    CHECK_THAT(r.out, !Catch::Contains("002_447a9cd8c5f2be25.txt"));
  }
  Run csv = Cli({"scan", Data(), "-f", "csv"});
  CHECK_THAT(csv.out, Catch::StartsWith("cluster,document,parent,relation,similarity,confidence,evidence\n"));
  CHECK_THAT(csv.out, Catch::Contains(",001_59c9348fd6c662fd.txt,,original,,") &&
                          Catch::Contains(",else 000_9b1ef71f9325d4ed.txt\n"));
  Run text = Cli({"scan", Data(), "-f", "text"});
  CHECK_THAT(text.out, Catch::Contains("original: 001_59c9348fd6c662fd.txt  (confidence ") &&
                           Catch::Contains("; else 000_9b1ef71f9325d4ed.txt)"));
  Run dot = Cli({"scan", Data(), "-f", "dot"});
  CHECK_THAT(dot.out, Catch::Contains("\"001_59c9348fd6c662fd.txt\" -> \"000_9b1ef71f9325d4ed.txt\""));
  Run html = Cli({"scan", Data(), "-f", "html"});
  CHECK_THAT(html.out, Catch::StartsWith("<!DOCTYPE html>") && !Catch::Contains("<script"));
}

TEST_CASE("the README's quick start shows the report the sample articles give", "[cli]") {
  // A newcomer compares the README's sample output with what the first command printed.
  std::ifstream in(SourceDir() + "/README.md");
  REQUIRE(in);
  std::stringstream readme;
  readme << in.rdbuf();
  const std::string text = readme.str();
  const std::string start = "```\ncopytrail ";
  const size_t begin = text.find(start);
  REQUIRE(begin != std::string::npos);
  const size_t end = text.find("```", begin + start.size());
  REQUIRE(end != std::string::npos);
  Run r = Cli({"scan", Data()});
  REQUIRE(r.status == 0);
  CHECK(r.out == text.substr(begin + 4, end - begin - 4));
}

TEST_CASE("scan -o writes the report to a file", "[cli]") {
  TempDir dir;
  std::string path = dir.path() + "/report.json";
  Run r = Cli({"scan", Data(), "-f", "json", "-o", path, "--threads", "1"});
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  std::ifstream in(path);
  CHECK(json::parse(in)["documents"] == 5);
}

TEST_CASE("bad input and usage give one clear line and exit status 1", "[cli]") {
  Run missing = Cli({"scan", "/no/such/dir"});
  CHECK(missing.status == 1);
  CHECK_THAT(missing.err, Catch::Contains("/no/such/dir") && Catch::Contains("no such file"));
  CHECK(Cli({"scan", Data(), "--format", "pdf"}).status == 1);
  Run unwritable = Cli({"scan", Data(), "-o", "/no/such/dir/report.json"});
  CHECK(unwritable.status == 1);
  CHECK_THAT(unwritable.err, Catch::Contains("/no/such/dir/report.json: cannot write"));
  CHECK(Cli({"scan", Data(), "--threshold", "7"}).status == 1);
  CHECK(Cli({"scan", Data(), "--no-such-option"}).status == 1);
  CHECK(Cli({"scan"}).status == 1);
  CHECK(Cli({"frobnicate"}).status == 1);
  CHECK(Cli({}).status == 1);
}

TEST_CASE("malformed JSONL: warning with file:line, or failure with --strict", "[cli]") {
  TempDir dir;
  std::string path = dir.Write("feed.jsonl",
                               "{\"id\": \"a\", \"text\": \"alpha beta gamma\"}\n{broken\n"
                               "{\"id\": \"b\", \"text\": \"delta epsilon\"}\n");
  Run lenient = Cli({"scan", path, "-f", "json"});
  CHECK(lenient.status == 0);
  CHECK_THAT(lenient.err, Catch::Contains("feed.jsonl:2"));
  CHECK(json::parse(lenient.out)["documents"] == 2);
  Run strict = Cli({"scan", path, "--strict"});
  CHECK(strict.status == 1);
  CHECK_THAT(strict.err, Catch::Contains("feed.jsonl:2"));
}

TEST_CASE("a date that cannot be read is named with its line, and what can be read of it is used", "[cli]") {
  TempDir dir;
  std::string path = dir.Write("feed.jsonl",
                               "{\"id\": \"a\", \"text\": \"alpha beta gamma\", \"date\": \"2024-05-01T10:00:00+02:00\"}\n"
                               "{\"id\": \"b\", \"text\": \"delta epsilon\", \"date\": \"March 3, 2021\"}\n"
                               "{\"id\": \"c\", \"text\": \"zeta eta\", \"date\": \"2021-13-45\"}\n"
                               "{\"id\": \"d\", \"text\": \"theta iota\", \"date\": \"1987-03-31T605:12:19\"}\n"
                               "{\"id\": \"e\", \"text\": \"kappa lambda\", \"date\": \"Tue, 25 Nov 2025 10:00:00 GMT\"}\n"
                               "{\"id\": \"f\", \"text\": \"mu nu\", \"date\": 1764064800}\n");
  Run r = Cli({"scan", path, "-f", "json"});
  CHECK(r.status == 0);
  CHECK_THAT(r.err, Catch::Contains("feed.jsonl:2") && Catch::Contains("'March 3, 2021'") && Catch::Contains("undated"));
  CHECK_THAT(r.err, Catch::Contains("feed.jsonl:3") && Catch::Contains("'2021-13-45'"));
  CHECK_THAT(r.err, Catch::Contains("feed.jsonl:4") && Catch::Contains("only its day is used"));
  for (const char* read : {"feed.jsonl:1", "feed.jsonl:5", "feed.jsonl:6"}) CHECK_THAT(r.err, !Catch::Contains(read));
  json report = json::parse(r.out);
  CHECK(report["documents"] == 6);
  CHECK(report["stats"]["unreadable_dates"] == 3);
}

TEST_CASE("a corpus of one document is reported, not an error", "[cli]") {
  Run r = Cli({"scan", Data() + "/000_9b1ef71f9325d4ed.txt"});
  CHECK(r.status == 0);
  CHECK_THAT(r.err, Catch::Contains("only 1 document"));
  CHECK_THAT(r.out, Catch::Contains("No copies"));
}

TEST_CASE("compare shows measures, direction and shared passages", "[cli]") {
  Run r = Cli({"compare", Data() + "/000_9b1ef71f9325d4ed.txt", Data() + "/001_59c9348fd6c662fd.txt"});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("relation:            paraphrase"));
  CHECK_THAT(r.out, Catch::Contains("000_9b1ef71f9325d4ed.txt derives from") );
  CHECK_THAT(r.out, Catch::Contains("meaningful negotiations"));
  Run j = Cli({"compare", Data() + "/000_9b1ef71f9325d4ed.txt", Data() + "/001_59c9348fd6c662fd.txt", "-f", "json"});
  REQUIRE(j.status == 0);
  json c = json::parse(j.out);
  CHECK(c["source"] == Data() + "/001_59c9348fd6c662fd.txt");
  CHECK(c["shared_passages"].size() > 0);
  CHECK(Cli({"compare", Data()}).status == 1);
}

TEST_CASE("compare says when a summary counts as a rewrite of its source", "[cli]") {
  const std::string summary = copytrail::testing::SourceDir() + "/tests/data/summary_of_001.txt";
  Run r = Cli({"compare", Data() + "/001_59c9348fd6c662fd.txt", summary});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("relation:            paraphrase (condensed"));
  Run j = Cli({"compare", Data() + "/001_59c9348fd6c662fd.txt", summary, "-f", "json"});
  REQUIRE(j.status == 0);
  json c = json::parse(j.out);
  CHECK(c["aligned_sentences_ba"].get<int>() >= 4);
  CHECK(c["derived"] == summary);
}

TEST_CASE("compare picks records out of JSONL by id", "[cli]") {
  TempDir dir;
  std::string path = dir.Write("f.jsonl", "{\"id\": \"x\", \"text\": \"one two three four five six\", \"date\": \"2025-01-01\"}\n"
                                          "{\"id\": \"y\", \"text\": \"one two three four five seven\", \"date\": \"2025-01-11T12:00:00\"}\n");
  Run r = Cli({"compare", path + "#x", path + "#y", "-f", "json"});
  REQUIRE(r.status == 0);
  json c = json::parse(r.out);
  CHECK(c["a"] == "x");
  CHECK(c["days_apart"] == 10.5);  // the rules of the paraphrase tier are shown with the measures
  CHECK(c["shared_subject"] == true);
  CHECK_THAT(Cli({"compare", path + "#x", path + "#y"}).out, Catch::Contains("dated apart:         10.5 days"));
  Run missing = Cli({"compare", path + "#x", path + "#nope"});
  CHECK(missing.status == 1);
  CHECK_THAT(missing.err, Catch::Contains("nope"));
  // The same from a gzip file.
  const std::string plain = "{\"id\": \"x\", \"text\": \"one two three four five six\"}\n"
                            "{\"id\": \"y\", \"text\": \"one two three four five seven\"}\n";
  std::string gz_path = dir.Write("f.jsonl.gz", copytrail::testing::Gzip(plain));
  Run zipped = Cli({"compare", gz_path + "#x", gz_path + "#y", "-f", "json"});
  REQUIRE(zipped.status == 0);
  CHECK(json::parse(zipped.out)["b"] == "y");
}

TEST_CASE("compare reads a credit to the other's site from records that carry URLs", "[cli]") {
  TempDir dir;
  std::string path = dir.Write(
      "f.jsonl",
      "{\"id\": \"post\", \"url\": \"https://farm.example/p/9\", \"text\": \"one two three four five six. "
      "Source: news.example\"}\n"
      "{\"id\": \"story\", \"url\": \"https://www.news.example/s/1\", \"text\": \"one two three four five six.\"}\n");
  Run r = Cli({"compare", path + "#post", path + "#story"});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("child mentions parent's site or source (news.example)"));
}

TEST_CASE("dedup keeps one document per cluster and says what it stands for", "[cli]") {
  Run r = Cli({"dedup", Data()});
  REQUIRE(r.status == 0);
  std::istringstream lines(r.out);
  std::string line;
  std::vector<json> kept;
  while (std::getline(lines, line)) kept.push_back(json::parse(line));
  REQUIRE(kept.size() == 4);
  bool found = false;
  for (const json& k : kept) {
    CHECK(k["text"].get<std::string>().size() > 100);
    if (k["id"] == "001_59c9348fd6c662fd.txt") {
      found = true;
      CHECK(k["cluster"] == 0);
      CHECK(k["represents"] == json({"000_9b1ef71f9325d4ed.txt"}));
    } else {
      CHECK(k["cluster"].is_null());
    }
  }
  CHECK(found);
  Run first = Cli({"dedup", Data(), "--keep", "first"});
  CHECK_THAT(first.out, Catch::Contains("\"id\":\"000_9b1ef71f9325d4ed.txt\""));
  CHECK_THAT(first.out, !Catch::Contains("\"id\":\"001_59c9348fd6c662fd.txt\""));
  CHECK(Cli({"dedup", Data(), "--keep", "newest"}).status == 1);
}

TEST_CASE("eval scores a report against gold", "[cli]") {
  TempDir dir;
  std::string report = dir.path() + "/r.json";
  REQUIRE(Cli({"scan", Data(), "-f", "json", "-o", report}).status == 0);
  std::string gold = dir.Write("gold.json",
                               R"({"clusters": [["001_59c9348fd6c662fd.txt", "000_9b1ef71f9325d4ed.txt"]],
                                   "edges": [["001_59c9348fd6c662fd.txt", "000_9b1ef71f9325d4ed.txt", "paraphrase"]],
                                   "roots": ["001_59c9348fd6c662fd.txt"]})");
  Run r = Cli({"eval", "--gold", gold, report, "--format", "json"});
  REQUIRE(r.status == 0);
  json j = json::parse(r.out);
  CHECK(j["pair_f1"] == 1.0);
  CHECK(j["root_accuracy"] == 1.0);
  CHECK(j["by_operation"]["paraphrase"]["direction_accuracy"] == 1.0);
  Run text = Cli({"eval", "--gold", gold, report});
  CHECK_THAT(text.out, Catch::Contains("F1 1.000"));
  CHECK_THAT(text.out, !Catch::Contains("root misses"));
  // Gold that calls the rewrite the original: one root missed, under a parent in its cluster.
  std::string reversed = dir.Write("reversed.json",
                                   R"({"clusters": [["001_59c9348fd6c662fd.txt", "000_9b1ef71f9325d4ed.txt"]],
                                       "edges": [["000_9b1ef71f9325d4ed.txt", "001_59c9348fd6c662fd.txt", "paraphrase"]],
                                       "roots": ["000_9b1ef71f9325d4ed.txt"]})");
  json missed = json::parse(Cli({"eval", "--gold", reversed, report, "--format", "json"}).out);
  CHECK(missed["root_accuracy"] == 0.0);
  CHECK(missed["root_misses"]["unclustered"] == 0);
  CHECK(missed["root_misses"]["unsure"].get<int>() + missed["root_misses"]["confident"].get<int>() == 1);
  CHECK_THAT(Cli({"eval", "--gold", reversed, report}).out, Catch::Contains("root misses 1 of 1: 0 not clustered"));
  CHECK(Cli({"eval", report}).status == 1);
  CHECK(Cli({"eval", "--gold", report, gold}).status == 1);
}

TEST_CASE("help and version", "[cli]") {
  CHECK(Cli({"--version"}).out.rfind("copytrail ", 0) == 0);
  Run help = Cli({"--help"});
  CHECK(help.status == 0);
  CHECK_THAT(help.out, Catch::Contains("scan") && Catch::Contains("compare") && Catch::Contains("dedup"));
  Run scan_help = Cli({"scan", "--help"});
  CHECK(scan_help.status == 0);
  CHECK_THAT(scan_help.out, Catch::Contains("--paraphrase-threshold"));
}

TEST_CASE("the binary reads JSONL from stdin and exits with the documented codes", "[cli]") {
  TempDir dir;
  std::string path = dir.Write("in.jsonl", "{\"id\": \"s1\", \"text\": \"hello world from stdin\"}\n"
                                           "{\"id\": \"s2\", \"text\": \"hello world from stdin\"}\n");
  std::string out = dir.path() + "/out.json";
  std::string cmd = std::string(COPYTRAIL_BINARY) + " scan - -f json -q < " + path + " > " + out;
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::ifstream in(out);
  json j = json::parse(in);
  CHECK(j["documents"] == 2);
  CHECK(j["clusters"][0]["edges"][0]["relation"] == "exact");
  std::string bad = std::string(COPYTRAIL_BINARY) + " scan /no/such/file 2>/dev/null";
  int rc = std::system(bad.c_str());
  CHECK(WEXITSTATUS(rc) == 1);
}
