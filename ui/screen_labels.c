/* SPDX-License-Identifier: MIT */
/*
 * screen_labels: the printable sheet of the four buttons' labels, drawn
 * with the very symbols the footer legend uses (ui_key_symbol), so the
 * buttons and the screen cannot disagree. `bangtin --shot FILE --size
 * 2480x3508 --screen labels` draws it at A4 and 300 dpi (docs/).
 */
#include <stdio.h>

#include "screen.h"

int ui_draw_labels(struct ui *ui)
{
	const struct ui_theme *t = &ui->theme;
	struct ui_color white = { 255, 255, 255, 255 }, cut = { 0x9a, 0x96, 0x90, 255 };
	int side = (ui->w < ui->h ? ui->w : ui->h);
	int cell = side * 2 / 5, gap = side / 12, sym = cell / 2;
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI_BIG);
	int x0 = (ui->w - 2 * cell - gap) / 2, y0 = lh * 3;

	if (ui_frame_begin(ui, white) < 0)
		return -1;
	ui_text(ui, UI_FONT_UI_BIG, DOC_STYLE_BOLD, t->ink, "Nhãn nút bấm của bảng tin",
		ui->w / 2, lh, 1);
	for (int k = 0; k < UI_KEY_COUNT; k++) {
		int x = x0 + (k % 2) * (cell + gap), y = y0 + (k / 2) * (cell + gap);

		/* the cutting line, then the label: the symbol on a dark
		 * square, as in the legend, and the key's name under it */
		ui_fill(ui, x - 2, y - 2, cell + 4, cell + 4, cut);
		ui_fill(ui, x, y, cell, cell, white);
		ui_fill(ui, x + (cell - sym) / 2, y + cell / 10, sym, sym, t->ink);
		ui_key_symbol(ui, (enum ui_key)k, x + (cell - sym) / 2, y + cell / 10, sym,
			      t->paper);
		ui_text(ui, UI_FONT_UI_BIG, DOC_STYLE_BOLD, t->ink, ui_key_name((enum ui_key)k),
			x + cell / 2, y + cell / 10 + sym + lh / 2, 1);
	}
	scr_wrap(ui, UI_FONT_UI, 0, t->ink,
		 "Cắt theo đường viền, dán lên nút: Trước (GPIO17), Sau (GPIO27), Chọn (GPIO22), "
		 "Quay lại (GPIO23). Giữ nút Quay lại để mở màn hình Thông tin.",
		 x0, y0 + 2 * cell + 2 * gap, 2 * cell + gap, 4, 1, true);
	return ui_frame_end(ui);
}
