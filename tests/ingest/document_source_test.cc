#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "copytrail/document_source.h"
#include "support/compress.h"
#include "support/test_support.h"

using namespace copytrail;
using copytrail::testing::Gzip;
using copytrail::testing::TempDir;
using copytrail::testing::Zstd;

namespace {

// Every document of an open source, in order; the source's status is left for the caller.
std::vector<Document> Drain(DocumentSource* source) {
  std::vector<Document> docs;
  Document d;
  while (source->Next(&d)) docs.push_back(d);
  return docs;
}

// Each document re-read by its location has the text it was first read with.
void CheckRereads(const DocumentSource& source, const std::vector<Document>& docs) {
  for (const Document& doc : docs) {
    auto again = source.Fetch(doc.where);
    REQUIRE(again.ok());
    CHECK(*again == doc.text);
  }
}

std::vector<Document> ReadAll(const std::vector<std::string>& inputs, CountingReporter* reporter,
                              ReadOptions options = {}, Status* status = nullptr) {
  auto source = OpenInputs(inputs, options, reporter);
  REQUIRE(source.ok());
  std::vector<Document> docs = Drain(source->get());
  if (status) *status = (*source)->status();
  else REQUIRE((*source)->status().ok());
  return docs;
}

// Points TMPDIR at a directory of its own for the scope, to see what temporary files are left.
class ScopedTmpdir {
 public:
  ScopedTmpdir() {
    const char* old = std::getenv("TMPDIR");
    had_ = old != nullptr;
    if (had_) old_ = old;
    setenv("TMPDIR", dir_.path().c_str(), 1);
  }
  ~ScopedTmpdir() {
    if (had_) setenv("TMPDIR", old_.c_str(), 1);
    else unsetenv("TMPDIR");
  }
  size_t files() const {
    return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(dir_.path()), {}));
  }

 private:
  TempDir dir_;
  bool had_ = false;
  std::string old_;
};

}  // namespace

TEST_CASE("links to directories are followed, but no directory is read twice", "[ingest]") {
  namespace fs = std::filesystem;
  TempDir dir;
  dir.Write("a.txt", "first");
  dir.Write("sub/b.txt", "second");
  dir.Write("elsewhere/c.txt", "third");
  TempDir outside;
  outside.Write("d.txt", "fourth");
  fs::create_directory_symlink(dir.path(), fs::path(dir.path()) / "sub" / "loop");  // back to the root
  fs::create_directory_symlink(fs::path(dir.path()) / "elsewhere", fs::path(dir.path()) / "also");
  fs::create_directory_symlink(outside.path(), fs::path(dir.path()) / "more");
  CountingReporter reporter;
  auto docs = ReadAll({dir.path()}, &reporter);
  std::vector<std::string> ids;
  for (const auto& d : docs) ids.push_back(d.id);
  // "also" leads to a directory of the tree, read under its own path; "more" leads out of it.
  CHECK(ids == std::vector<std::string>{"a.txt", "elsewhere/c.txt", "more/d.txt", "sub/b.txt"});
  REQUIRE(reporter.count() == 1);
  CHECK_THAT(reporter.messages()[0], Catch::Contains("sub/loop") && Catch::Contains("already read"));
}

TEST_CASE("a byte order mark at the start of a file is not part of the first document", "[ingest]") {
  TempDir dir;
  std::string jsonl = dir.Write("feed.jsonl", "\xEF\xBB\xBF{\"id\": \"a\", \"text\": \"first\"}\n{\"id\": \"b\", \"text\": \"second\"}\n");
  std::string plain = dir.Write("note.txt", "\xEF\xBB\xBFplain words");
  CountingReporter reporter;
  auto source = OpenInputs({jsonl, plain}, ReadOptions(), &reporter);
  REQUIRE(source.ok());
  std::vector<Document> docs = Drain(source->get());
  REQUIRE((*source)->status().ok());
  CHECK(reporter.count() == 0);
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].id == "a");
  CHECK(docs[0].text == "first");
  CHECK(docs[2].text == "plain words");
  CheckRereads(**source, docs);
}

TEST_CASE("directories are read recursively in sorted order with relative ids", "[ingest]") {
  TempDir dir;
  dir.Write("b.txt", "second");
  dir.Write("a.md", "first");
  dir.Write("sub/c.txt", "third");
  dir.Write("skip.json", "{}");
  CountingReporter reporter;
  auto docs = ReadAll({dir.path()}, &reporter);
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].id == "a.md");
  CHECK(docs[1].id == "b.txt");
  CHECK(docs[2].id == "sub/c.txt");
  CHECK(docs[2].text == "third");
  CHECK(reporter.count() == 0);
}

TEST_CASE("JSONL records carry id, text, date, url, title and source", "[ingest]") {
  TempDir dir;
  auto path = dir.Write("in.jsonl",
                        "{\"id\": \"x1\", \"text\": \"hello \\u00e9\", \"date\": \"2024-01-02\", "
                        "\"url\": \"http://e\", \"title\": \"T\", \"source\": \"S\", \"extra\": [1]}\n"
                        "\n"
                        "{\"id\": 7, \"text\": \"numeric id\"}\n");
  CountingReporter reporter;
  auto docs = ReadAll({path}, &reporter);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].id == "x1");
  CHECK(docs[0].text == "hello \xC3\xA9");
  CHECK(docs[0].date == "2024-01-02");
  CHECK(docs[0].url == "http://e");
  CHECK(docs[0].title == "T");
  CHECK(docs[0].source == "S");
  CHECK(docs[1].id == "7");
  CHECK(docs[1].where.line == 3);
}

TEST_CASE("field names are configurable", "[ingest]") {
  TempDir dir;
  auto path = dir.Write("in.jsonl", "{\"key\": \"k\", \"body\": \"the body\", \"published\": \"2020-05-01\"}\n");
  ReadOptions options;
  options.id_field = "key";
  options.text_field = "body";
  options.date_field = "published";
  CountingReporter reporter;
  auto docs = ReadAll({path}, &reporter, options);
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].id == "k");
  CHECK(docs[0].text == "the body");
  CHECK(docs[0].date == "2020-05-01");
}

TEST_CASE("malformed JSONL lines are skipped with a warning naming file and line", "[ingest]") {
  TempDir dir;
  auto path = dir.Write("bad.jsonl",
                        "{\"id\": \"a\", \"text\": \"ok\"}\n"
                        "{\"id\": \"b\", \"text\": \n"
                        "{\"id\": \"c\"}\n"
                        "[1, 2]\n"
                        "{\"id\": \"d\", \"text\": 5}\n"
                        "{\"id\": \"e\", \"text\": \"fine\"} trailing\n"
                        "{\"id\": \"f\", \"text\": \"last\"}");
  CountingReporter reporter;
  auto docs = ReadAll({path}, &reporter);
  REQUIRE(docs.size() == 2);
  CHECK(docs[1].id == "f");
  REQUIRE(reporter.count() == 5);
  CHECK_THAT(reporter.messages()[0], Catch::Contains("bad.jsonl:2"));
  CHECK_THAT(reporter.messages()[1], Catch::Contains("bad.jsonl:3"));
  CHECK_THAT(reporter.messages()[1], Catch::Contains("no 'text'"));
}

TEST_CASE("strict mode turns the first bad record into an error", "[ingest]") {
  TempDir dir;
  auto path = dir.Write("bad.jsonl", "{\"id\": \"a\", \"text\": \"ok\"}\nnot json\n{\"id\": \"z\", \"text\": \"never\"}\n");
  ReadOptions options;
  options.strict = true;
  CountingReporter reporter;
  Status status;
  auto docs = ReadAll({path}, &reporter, options, &status);
  CHECK(docs.size() == 1);
  REQUIRE_FALSE(status.ok());
  CHECK_THAT(status.message(), Catch::Contains("bad.jsonl:2"));
}

TEST_CASE("invalid UTF-8 is replaced by U+FFFD and reported", "[ingest]") {
  TempDir dir;
  dir.Write("bad.txt", std::string("caf\xE9 au lait \xFF\xFE end"));
  dir.Write("bad.jsonl", std::string("{\"id\": \"j\", \"text\": \"x\xC3\x28y\"}\n"));
  CountingReporter reporter;
  auto docs = ReadAll({dir.path() + "/bad.txt", dir.path() + "/bad.jsonl"}, &reporter);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].text == "caf\xEF\xBF\xBD au lait \xEF\xBF\xBD\xEF\xBF\xBD end");
  CHECK(docs[1].text == "x\xEF\xBF\xBD(y");
  REQUIRE(reporter.count() == 2);
  CHECK_THAT(reporter.messages()[0], Catch::Contains("bad.txt") && Catch::Contains("byte 3"));
  CHECK_THAT(reporter.messages()[1], Catch::Contains("bad.jsonl:1"));
}

TEST_CASE("duplicate ids are renamed with a warning, never dropped", "[ingest]") {
  TempDir dir;
  auto path = dir.Write("d.jsonl", "{\"id\": \"a\", \"text\": \"1\"}\n{\"id\": \"a\", \"text\": \"2\"}\n{\"id\": \"a\", \"text\": \"3\"}\n");
  CountingReporter reporter;
  auto docs = ReadAll({path}, &reporter);
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].id == "a");
  CHECK(docs[1].id == "a~2");
  CHECK(docs[2].id == "a~3");
  CHECK(reporter.count() == 2);
  CHECK_THAT(reporter.messages()[0], Catch::Contains("duplicate id 'a'"));
}

TEST_CASE("missing inputs fail before reading, naming the path", "[ingest]") {
  CountingReporter reporter;
  auto source = OpenInputs({"/no/such/place.jsonl"}, ReadOptions(), &reporter);
  REQUIRE_FALSE(source.ok());
  CHECK_THAT(source.status().message(), Catch::Contains("/no/such/place.jsonl"));
}

TEST_CASE("unreadable subdirectories are reported, not silently skipped", "[ingest]") {
  if (geteuid() == 0) {
    SUCCEED("root can read everything; permission checks do not apply");
    return;
  }
  TempDir dir;
  dir.Write("ok.txt", "fine");
  dir.Write("locked/secret.txt", "hidden");
  std::filesystem::permissions(dir.path() + "/locked", std::filesystem::perms::none);
  CountingReporter reporter;
  auto docs = ReadAll({dir.path()}, &reporter);
  CHECK(docs.size() == 1);
  CHECK(reporter.count() == 1);
  std::filesystem::permissions(dir.path() + "/locked", std::filesystem::perms::owner_all);
}

TEST_CASE("oversized documents are skipped with a warning", "[ingest]") {
  TempDir dir;
  dir.Write("big.txt", std::string(5000, 'a'));
  dir.Write("small.txt", "tiny");
  ReadOptions options;
  options.max_document_bytes = 1000;
  CountingReporter reporter;
  auto docs = ReadAll({dir.path()}, &reporter, options);
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].id == "small.txt");
  CHECK_THAT(reporter.messages().at(0), Catch::Contains("max-doc-bytes"));
}

TEST_CASE("Fetch re-reads the text of any document", "[ingest]") {
  TempDir dir;
  auto jsonl = dir.Write("a.jsonl", "{\"id\": \"1\", \"text\": \"one\"}\n{\"id\": \"2\", \"text\": \"two\\nlines\"}\n");
  auto plain = dir.Write("b.txt", "plain text");
  CountingReporter reporter;
  auto source = OpenInputs({jsonl, plain}, ReadOptions(), &reporter);
  REQUIRE(source.ok());
  std::vector<Document> docs = Drain(source->get());
  REQUIRE(docs.size() == 3);
  CheckRereads(**source, docs);
}

TEST_CASE("Fetch re-reads from more JSONL files than it keeps open, in any order, from many threads", "[ingest]") {
  TempDir dir;
  std::vector<std::string> inputs;
  for (int f = 0; f < 100; ++f) {
    std::string content;
    for (int r = 0; r < 3; ++r)
      content += "{\"id\": \"" + std::to_string(f) + "-" + std::to_string(r) + "\", \"text\": \"file " +
                 std::to_string(f) + " record " + std::to_string(r) + "\"}\n";
    inputs.push_back(dir.Write("f" + std::to_string(f) + ".jsonl", content));
  }
  CountingReporter reporter;
  auto source = OpenInputs(inputs, ReadOptions(), &reporter);
  REQUIRE(source.ok());
  std::vector<Document> docs = Drain(source->get());
  REQUIRE(docs.size() == 300);
  std::vector<std::string> fetched(docs.size());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (size_t i = docs.size(); i-- > 0;)
        if (i % 4 == static_cast<size_t>(t)) fetched[i] = (*source)->Fetch(docs[i].where).value();
    });
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < docs.size(); ++i) CHECK(fetched[i] == docs[i].text);
}

TEST_CASE("RepairUtf8 leaves valid text alone and rejects overlong forms", "[ingest]") {
  std::string valid = "Zo\xC3\xAB \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80";
  std::string copy = valid;
  CHECK(RepairUtf8(&copy).replaced == 0);
  CHECK(copy == valid);
  std::string overlong = "\xC0\xAF";  // overlong '/'
  CHECK(RepairUtf8(&overlong).replaced == 2);
  std::string surrogate = "\xED\xA0\x80";
  CHECK(RepairUtf8(&surrogate).replaced == 3);
}

TEST_CASE("gzip and zstd JSONL read like plain JSONL and are re-read, leaving no temporary file", "[ingest]") {
  const std::string jsonl = "{\"id\": \"a\", \"text\": \"first text\"}\n"
                            "not json\n"
                            "{\"id\": \"b\", \"text\": \"second\\ntext\", \"date\": \"2025-01-02\"}\n";
  TempDir dir;
  ScopedTmpdir tmp;
  const std::string gz = dir.Write("feed.jsonl.gz", Gzip(jsonl));
  const std::string zst = dir.Write("feed.ndjson.zst", Zstd(jsonl));
  const std::string unmarked = dir.Write("feed.jsonl", Gzip(jsonl));  // known by its first bytes
  for (const std::string& path : {gz, zst, unmarked}) {
    CountingReporter reporter;
    {
      auto source = OpenInputs({path}, ReadOptions(), &reporter);
      REQUIRE(source.ok());
      std::vector<Document> docs = Drain(source->get());
      REQUIRE((*source)->status().ok());
      REQUIRE(docs.size() == 2);
      CHECK(docs[0].id == "a");
      CHECK(docs[1].text == "second\ntext");
      CHECK(docs[1].date == "2025-01-02");
      CheckRereads(**source, docs);
      CHECK(tmp.files() == 1);  // the decompressed copy, while the source is open
    }
    CHECK(tmp.files() == 0);
    REQUIRE(reporter.count() == 1);
    CHECK_THAT(reporter.messages()[0], Catch::Contains(path + ":2"));  // the compressed file's name and line
  }
}

TEST_CASE("a truncated, corrupt or misnamed compressed file fails before reading, naming it", "[ingest]") {
  // Misnamed both ways: text named .gz, and gzip data not named as JSONL (which would otherwise
  // be read as one document of binary noise).
  const std::string jsonl = "{\"id\": \"a\", \"text\": \"" + std::string(5000, 'x') + " end\"}\n";
  TempDir dir;
  ScopedTmpdir tmp;
  const std::string gz = Gzip(jsonl), zst = Zstd(jsonl);
  struct Case {
    std::string name, content, says;
  };
  for (const Case& c : {Case{"cut.jsonl.gz", gz.substr(0, gz.size() / 2), "ends early"},
                        Case{"cut.jsonl.zst", zst.substr(0, zst.size() / 2), "ends early"},
                        Case{"bad.jsonl.zst", "\x28\xb5\x2f\xfd" + std::string(64, '\x7f'), "corrupt zstd data"},
                        Case{"plain.jsonl.gz", jsonl, "not gzip data"},
                        Case{"c4-00000.json.gz", gz, "compressed data"}}) {
    const std::string path = dir.Write(c.name, c.content);
    CountingReporter reporter;
    auto source = OpenInputs({path}, ReadOptions(), &reporter);
    REQUIRE_FALSE(source.ok());
    CHECK_THAT(source.status().message(), Catch::StartsWith(path + ": ") && Catch::Contains(c.says));
    CHECK(tmp.files() == 0);
  }
}
