# kobun — build, run, test. `make run` and `make check` install what is
# missing (scripts/setup-debian.sh), build, then render or test.

VERSION  = 0.1.0
PKGS     = libxml-2.0 libxslt pangoft2 pango cairo cairo-ft fontconfig glib-2.0 sqlite3 \
           harfbuzz-subset libzip
WARN     = -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings
OPT      = -O2
SAN      =
CFLAGS   = -std=c11 -g $(OPT) $(WARN) $(SAN)
CPPFLAGS = -D_XOPEN_SOURCE=700 -DKOBUN_VERSION='"$(VERSION)"' -DKOBUN_DATADIR='"$(CURDIR)"'
B        = build/release

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
# libharu ships no pkg-config file.
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lhpdf -lm
CHECK_CFLAGS = $(shell pkg-config --cflags check)
CHECK_LIBS   = $(shell pkg-config --libs check)

LIB_SRC  = util.c table.c articles.c diag.c wareki.c explain.c orgindex.c load.c roles.c resolve.c rules.c roster.c policy.c register.c plan.c \
           context.c monthly.c due.c \
           template.c tree.c kinsoku.c \
           layout.c dl.c dl_cairo.c dl_haru.c fonts.c output.c manifest.c editable.c docx.c odt.c jobs.c profile.c
LIB_OBJ  = $(LIB_SRC:%.c=$(B)/generator/%.o)
TEST_SRC = testutil.c check_main.c check_wareki.c check_load.c check_roles.c check_rules.c check_policy.c check_tree.c check_layout.c check_e2e.c check_output.c check_monthly.c check_haru.c check_golden.c check_set.c check_diag.c check_due.c check_articles.c check_numbering.c check_table.c check_tagged.c check_docx.c check_hostile.c
TEST_OBJ = $(TEST_SRC:%.c=$(B)/tests/%.o)

.PHONY: all setup run check check-docx test asan valgrind fuzz bench bench-smoke golden install uninstall clean format format-check
all: $(B)/kobun kobun

# The binary at the root is a link to the release build, for README examples.
kobun: $(B)/kobun
	ln -sf $(B)/kobun kobun

$(B)/kobun: $(B)/generator/main.o $(B)/libkobun.a
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/libkobun.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/generator/%.o: generator/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -DKOBUN_BIN='"$(CURDIR)/$(B)/kobun"' $(CFLAGS) $(PKG_CFLAGS) $(CHECK_CFLAGS) \
	    -Igenerator -MMD -MP -c -o $@ $<

$(B)/check_kobun: $(TEST_OBJ) $(B)/libkobun.a
	$(CC) $(CFLAGS) -o $@ $^ $(CHECK_LIBS) $(PKG_LIBS)

-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(B)/generator/main.d

setup:
	@sh scripts/setup-debian.sh

# Render the sample month into output/.
run: setup
	@$(MAKE) --no-print-directory all
	./$(B)/kobun build -o output input

# Every test, after the same set-up; the layout of the C is checked first (STYLE.md).
check: setup
	@$(MAKE) --no-print-directory format-check test bench-smoke

test: $(B)/kobun $(B)/check_kobun
	$(TEST_ENV) CK_DEFAULT_TIMEOUT=300 ./$(B)/check_kobun

# Every kind of document as .docx and .odt opened by LibreOffice (installed here, not by setup: about
# 350 MB): its PDF has the same text as kobun's.
check-docx: setup
	@sh scripts/setup-debian.sh --libreoffice
	@$(MAKE) --no-print-directory $(B)/kobun $(B)/check_kobun
	KOBUN_CHECK_DOCX=1 CK_RUN_SUITE=docx-libreoffice CK_DEFAULT_TIMEOUT=900 ./$(B)/check_kobun

# AddressSanitizer and UBSan build, then the whole suite against it. KB_CHECK runs the
# invariant checkers (kb_tree_check) after each stage.
asan: setup
	@$(MAKE) --no-print-directory test B=build/asan OPT=-O1 \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -DKB_CHECK" \
	    TEST_ENV="ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0"

# kobun against the naive pango+cairo floor (tests/bench/floor.c) on 1,000 and 10,000
# generated DX nominations, interleaved: docs/s, CPU per document, peak RSS, PDF size and
# the kobun/floor ratios (docs/benchmarks.md). BENCH_N="1000 10000" chooses the sizes.
bench: setup
	@$(MAKE) --no-print-directory all $(B)/floor
	sh tests/bench/bench.sh ./$(B)/kobun ./$(B)/floor

# The floor is written for the benchmark and shares no code with kobun.
$(B)/floor: tests/bench/floor.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -D_XOPEN_SOURCE=700 -o $@ $< $(shell pkg-config --cflags --libs pangocairo libxml-2.0)

# A few seconds of bench.sh (20 nominations, one round) so that it and the floor keep working.
bench-smoke: $(B)/kobun $(B)/floor
	@BENCH_N=20 BENCH_ROUNDS=1 sh tests/bench/bench.sh ./$(B)/kobun ./$(B)/floor \
	    >$(B)/bench-smoke.log 2>&1 && grep -q '^ratio kobun -j 1 / floor (docs/s): *[0-9]' \
	    $(B)/bench-smoke.log || { cat $(B)/bench-smoke.log; exit 1; }

# Re-render the golden page images and tree dumps after a deliberate change, and show what changed.
golden: all
	sh tests/golden/update.sh ./$(B)/kobun

# Memory errors under valgrind on the sample month (slow; not part of check).
valgrind: all
	valgrind --error-exitcode=1 --leak-check=full --show-leak-kinds=definite \
	    --errors-for-leak-kinds=definite --suppressions=tests/valgrind.supp -q \
	    ./$(B)/kobun build -q -o build/valgrind-output input >/dev/null

# libFuzzer from record bytes to the display list (needs clang and libclang-rt-14-dev).
FUZZ_SECONDS ?= 60
fuzz:
	@command -v clang >/dev/null || { echo "make fuzz needs clang and libclang-rt-14-dev (sh scripts/setup-debian.sh --fuzz)"; exit 2; }
	@$(MAKE) --no-print-directory B=build/fuzz CC=clang OPT=-O1 \
	    SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -DKB_CHECK" \
	    build/fuzz/libkobun.a
	@mkdir -p build/fuzz/corpus
	cp input/2026-11.xml tests/data/good/*.xml tests/data/rules/*.xml tests/data/monthly/overdue.xml \
	    build/fuzz/corpus/
	clang $(CPPFLAGS) -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined $(PKG_CFLAGS) -Igenerator \
	    -o build/fuzz/fuzz_records tests/fuzz/fuzz_records.c build/fuzz/libkobun.a $(PKG_LIBS)
	ASAN_OPTIONS=detect_leaks=0 ./build/fuzz/fuzz_records -dict=tests/fuzz/records.dict \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=65536 build/fuzz/corpus

# Installs kobun, its data (schemas, templates, fonts.conf), the manual page,
# the documentation and bash completion under DESTDIR/PREFIX. The binary
# finds its data beside itself (PREFIX/share/kobun), so nothing about PREFIX
# is compiled in and a staged DESTDIR install runs as it is.
PREFIX ?= /usr/local
BINDIR  = $(DESTDIR)$(PREFIX)/bin
DATADIR = $(DESTDIR)$(PREFIX)/share/kobun
MANDIR  = $(DESTDIR)$(PREFIX)/share/man/man1
DOCDIR  = $(DESTDIR)$(PREFIX)/share/doc/kobun
COMPDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
install: all
	install -d $(BINDIR) $(DATADIR) $(MANDIR) $(DOCDIR) $(COMPDIR)
	install -m 755 $(B)/kobun $(BINDIR)/kobun
	cp -r schema templates fonts $(DATADIR)/
	install -m 644 docs/kobun.1 $(MANDIR)/kobun.1
	install -m 644 README.md LICENSE NEWS.md docs/*.md $(DOCDIR)/
	cp -r examples $(DOCDIR)/
	install -m 644 scripts/kobun.bash-completion $(COMPDIR)/kobun

uninstall:
	rm -f $(BINDIR)/kobun $(MANDIR)/kobun.1 $(COMPDIR)/kobun
	rm -rf $(DATADIR) $(DOCDIR)

FORMAT_SRC = generator/*.c generator/*.h tests/*.c tests/*.h tests/bench/*.c

format:
	clang-format -i $(FORMAT_SRC)

# Fails, naming file and line, where `make format` would change something.
format-check:
	@clang-format --dry-run --Werror $(FORMAT_SRC)

clean:
	rm -rf build kobun
