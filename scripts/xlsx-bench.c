/* The plain-C side of the xlsx benchmark: the same cells and formats as Sources/xlsx-bench,
 * written straight through libxlsxwriter. Usage: xlsx-bench-c ROWS PATH [--constant-memory] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: xlsx-bench-c ROWS PATH [--constant-memory]\n"); return 2; }
    long rows = atol(argv[1]);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    lxw_workbook_options options = {.constant_memory = argc > 3 && strcmp(argv[3], "--constant-memory") == 0,
                                    .tmpdir = NULL, .use_zip64 = 1};
    lxw_workbook *workbook = workbook_new_opt(argv[2], &options);
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "Data");
    lxw_format *money = workbook_add_format(workbook);
    format_set_num_format(money, "#,##0");
    lxw_format *date = workbook_add_format(workbook);
    format_set_num_format(date, "dd/mm/yyyy");
    lxw_format *bold = workbook_add_format(workbook);
    format_set_bold(bold);
    char text[64];
    for (int column = 0; column < 10; column++) {
        snprintf(text, sizeof text, "Kolom %d", column + 1);
        worksheet_write_string(sheet, 0, column, text, bold);
    }
    for (long row = 1; row <= rows; row++) {
        snprintf(text, sizeof text, "KBM-%ld", row % 10000);
        worksheet_write_string(sheet, row, 0, text, NULL);
        snprintf(text, sizeof text, "Nastar toples %ld", row % 97);
        worksheet_write_string(sheet, row, 1, text, NULL);
        worksheet_write_number(sheet, row, 2, (double)(row % 1000), money);
        worksheet_write_number(sheet, row, 3, (double)(row * 85000 % 9999999), money);
        lxw_datetime when = {.year = 2025 + row % 2, .month = 1 + row % 12, .day = 1 + row % 28};
        worksheet_write_datetime(sheet, row, 4, &when, date);
        worksheet_write_string(sheet, row, 5, row % 3 == 0 ? "marketplace" : "langsung", NULL);
        worksheet_write_number(sheet, row, 6, (double)row / 7, NULL);
        worksheet_write_number(sheet, row, 7, (double)(row % 5), NULL);
        worksheet_write_string(sheet, row, 8, "Kebumen", NULL);
        worksheet_write_number(sheet, row, 9, (double)(row * 3 % 100000), money);
    }
    lxw_error error = workbook_close(workbook);
    if (error) { fprintf(stderr, "%s\n", lxw_strerror(error)); return 1; }
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%.2f\n", (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    return 0;
}
