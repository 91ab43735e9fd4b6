import type { Locale } from '@targetline/core';

/** The first rows of a list, for a message: a refusal of 100,000 rows stays one line. */
const rowList = (rows: readonly number[]) =>
  rows.length > 10 ? `${rows.slice(0, 10).join(', ')}, …` : rows.join(', ');

/**
 * The import's refusals of a whole request, in the importer's language (the `lang` of the
 * request, as the row issues and the file messages are): the web shows them as they come.
 */
const MESSAGES = {
  en: {
    mayNotImport: 'Your account may not import figures',
    notMultipart: 'Send the file as multipart/form-data in a field named "file"',
    unknownField: (name: string) => `${name} is not a known field; send "basis", then "file"`,
    basisRequired:
      'Check the file first (mode=dry-run) and send the "basis" it returned, before the file; nothing was imported',
    basisTooLarge: (mb: number) => `"basis" is larger than ${mb} MB; nothing was imported`,
    basisInvalid: (where: string) =>
      `"basis" is not what the check returned (${where}); nothing was imported`,
    basisMismatch:
      'The basis does not list exactly the figures of this file; check this file again — nothing was imported',
    moved: (rows: readonly number[]) =>
      `Figures were changed since the check (rows ${rowList(rows)}); nothing was imported — check the file again`,
    changedMeanwhile:
      'Figures of the file were being changed at the same moment; nothing was imported — check the file again',
    forbiddenRows: (rows: readonly number[]) =>
      `The file has figures you may not change (rows ${rowList(rows)}); nothing was imported`,
    invalid: (n: number) => `The file has ${n} problem(s); nothing was imported`,
  },
  vi: {
    mayNotImport: 'Tài khoản của bạn không được nhập số liệu',
    notMultipart: 'Hãy gửi tệp dạng multipart/form-data, trong trường "file"',
    unknownField: (name: string) =>
      `${name} không phải trường hợp lệ; hãy gửi "basis", rồi đến "file"`,
    basisRequired:
      'Hãy kiểm tra tệp trước (mode=dry-run) và gửi kèm "basis" mà lần kiểm tra trả về, trước tệp; chưa nhập gì',
    basisTooLarge: (mb: number) => `"basis" lớn hơn ${mb} MB; chưa nhập gì`,
    basisInvalid: (where: string) =>
      `"basis" không phải kết quả của lần kiểm tra (${where}); chưa nhập gì`,
    basisMismatch:
      'basis không liệt kê đúng các số liệu của tệp này; hãy kiểm tra lại tệp — chưa nhập gì',
    moved: (rows: readonly number[]) =>
      `Có số liệu đã thay đổi sau khi kiểm tra (dòng ${rowList(rows)}); chưa nhập gì — hãy kiểm tra lại tệp`,
    changedMeanwhile:
      'Số liệu của tệp đang được thay đổi cùng lúc; chưa nhập gì — hãy kiểm tra lại tệp',
    forbiddenRows: (rows: readonly number[]) =>
      `Tệp có số liệu bạn không được thay đổi (dòng ${rowList(rows)}); chưa nhập gì`,
    invalid: (n: number) => `Tệp có ${n} lỗi; chưa nhập gì`,
  },
} as const;

export const importRequestMessages = (locale: Locale) => MESSAGES[locale];
