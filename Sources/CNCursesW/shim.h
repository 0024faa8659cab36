#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <curses.h>
#include <term.h>

// What Swift cannot import from <curses.h> (macros and the stdscr global), wrapped.

static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_width(void) { return getmaxx(stdscr); }
static inline int cnc_height(void) { return getmaxy(stdscr); }
static inline attr_t cnc_bold(void) { return A_BOLD; }
static inline attr_t cnc_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_dim(void) { return A_DIM; }
static inline attr_t cnc_normal(void) { return A_NORMAL; }
static inline int cnc_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cnc_err(void) { return ERR; }

/// Draws one wide character with attributes and a colour pair at (y, x).
static inline int cnc_put(int y, int x, wchar_t ch, attr_t attrs, short pair) {
    wchar_t text[2] = { ch, 0 };
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

/// Reads one key, waiting at most the timeout set with `timeout`; `*isFunctionKey` tells KEY_* codes
/// from characters. Returns ERR when nothing arrived.
static inline int cnc_read(int *code, int *isFunctionKey) {
    wint_t value = 0;
    int result = wget_wch(stdscr, &value);
    *code = (int)value;
    *isFunctionKey = (result == KEY_CODE_YES);
    return result == ERR ? ERR : OK;
}

/// Whether the terminal named by TERM can draw a full screen: 1 when its description has cursor
/// addressing, 0 when it has none (TERM=dumb), -1 when TERM is unset or unknown (initscr would exit).
static inline int cnc_can_address_cursor(void) {
    int status = 0;
    if (setupterm(NULL, 1, &status) != OK) return -1;
    char *cup = tigetstr("cup");
    int result = (cup != NULL && cup != (char *)-1) ? 1 : 0;
    del_curterm(cur_term);
    return result;
}

/// How many colours the terminal named by TERM has (its terminfo `colors`), or -1 when TERM is unset
/// or unknown; 0 when it has none. Needs no full-screen mode.
static inline int cnc_terminal_colors(void) {
    int status = 0;
    if (setupterm(NULL, 1, &status) != OK) return -1;
    int colors = tigetnum("colors");
    del_curterm(cur_term);
    return colors < 0 ? 0 : colors;
}

/// The colours and colour pairs of the running screen (after `start_color`).
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }

#endif
