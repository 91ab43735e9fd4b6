import type { AdminUser } from '@targetline/contract';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { units, users } from '../../test/fixtures';
import { type ApiRequest, jsonResponse, mockApi } from '../../test/mock-api';
import { renderApp } from '../../test/render';

const adminUsers: AdminUser[] = [
  { ...users.admin, isDisabled: false, email: null, locale: 'vi', version: 1 },
  { ...users.leadAtm, isDisabled: false, email: null, locale: 'vi', version: 3 },
];
const unitRecords = units.map((unit) => ({ ...unit, version: 2 }));

/** The admin API on top of the fixtures; `extra` answers first. */
function adminApi(extra?: (request: ApiRequest) => Response | undefined) {
  return mockApi((request) => {
    const answer = extra?.(request);
    if (answer) return answer;
    const key = `${request.method} ${request.path}`;
    if (key === 'GET /api/users') return jsonResponse(adminUsers);
    if (key === 'GET /api/units') return jsonResponse(unitRecords);
    return undefined;
  });
}

async function openAdmin() {
  const user = userEvent.setup();
  const nav = await screen.findByRole('navigation', { name: 'Trang' });
  await user.click(within(nav).getByRole('link', { name: 'Quản trị' }));
  const usersSection = await screen.findByRole('region', { name: 'Người dùng' });
  await within(usersSection).findByText('lead-tt-atm');
  return { user, usersSection, unitsSection: screen.getByRole('region', { name: 'Đơn vị' }) };
}

describe('administration page', () => {
  it('is offered to admins only', async () => {
    mockApi(undefined, { user: users.director });
    // A director who types the address gets the dashboard, and its address.
    renderApp('vi', { path: '/admin' });
    const nav = await screen.findByRole('navigation', { name: 'Trang' });
    expect(within(nav).queryByRole('link', { name: 'Quản trị' })).not.toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Xếp hạng theo tiến độ' })).toBeVisible();
    expect(window.location.pathname).toBe('/');
    expect(screen.queryByRole('region', { name: 'Người dùng' })).not.toBeInTheDocument();
  });

  it('lists the users with role, units and status', async () => {
    adminApi();
    renderApp('vi');
    const { usersSection } = await openAdmin();
    const row = within(usersSection).getByText('lead-tt-atm').closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('Trần Thị An');
    expect(row).toHaveTextContent('Trưởng đơn vị');
    expect(row).toHaveTextContent('TT-ATM');
    expect(row).toHaveTextContent('đang hoạt động');
  });

  it('adds a unit lead with their units, and shows a taken username beside the field (409)', async () => {
    let attempts = 0;
    const { writes } = adminApi((request) => {
      if (request.method !== 'POST' || request.path !== '/api/users') return undefined;
      attempts += 1;
      if (attempts === 1) {
        return jsonResponse(
          { error: 'conflict', message: 'The username hoa is taken', field: 'username' },
          409,
        );
      }
      return jsonResponse(
        { id: 9, ...(request.body as object), isDisabled: false, version: 1 },
        201,
      );
    });
    renderApp('vi');
    const { user, usersSection } = await openAdmin();
    await user.click(within(usersSection).getByRole('button', { name: 'Thêm người dùng' }));
    const dialog = await screen.findByRole('dialog', { name: 'Thêm người dùng' });
    await user.type(within(dialog).getByLabelText('Tên đăng nhập'), 'hoa');
    await user.type(within(dialog).getByLabelText('Họ tên'), 'Nguyễn Thị Hoa');
    await user.selectOptions(within(dialog).getByLabelText('Vai trò'), 'unit_lead');
    await user.selectOptions(within(dialog).getByLabelText('Đơn vị'), ['3']);
    await user.type(within(dialog).getByLabelText('Mật khẩu'), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu người dùng' }));
    expect(within(dialog).getByText('Ít nhất 8 ký tự.')).toBeInTheDocument();
    expect(writes()).toEqual([]);

    await user.clear(within(dialog).getByLabelText('Mật khẩu'));
    await user.type(within(dialog).getByLabelText('Mật khẩu'), 'mat-khau-dai');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu người dùng' }));
    const username = within(dialog).getByLabelText('Tên đăng nhập');
    await waitFor(() => expect(username).toHaveAttribute('aria-invalid', 'true'));
    expect(username).toHaveAccessibleDescription(
      'Tên đăng nhập này đã có người dùng (không phân biệt chữ hoa, chữ thường).',
    );
    expect(writes()).toEqual([
      {
        method: 'POST',
        path: '/api/users',
        body: {
          username: 'hoa',
          displayName: 'Nguyễn Thị Hoa',
          role: 'unit_lead',
          unitIds: [3],
          password: 'mat-khau-dai',
          email: null,
          locale: 'vi',
        },
      },
    ]);

    await user.clear(username);
    await user.type(username, 'hoa.nguyen');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu người dùng' }));
    expect(await within(usersSection).findByRole('status')).toHaveTextContent(
      'Đã thêm hoa.nguyen.',
    );
  });

  it('gives a user the address and language of their mail, and shows a bad address beside its field', async () => {
    const { writes } = adminApi((request) =>
      request.method === 'PATCH'
        ? jsonResponse({ ...adminUsers[1], email: 'an@vimsat.example', locale: 'en', version: 4 })
        : undefined,
    );
    renderApp('vi');
    const { user, usersSection } = await openAdmin();
    await user.click(within(usersSection).getByRole('button', { name: 'Sửa lead-tt-atm' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sửa lead-tt-atm' });
    const email = within(dialog).getByLabelText('Thư điện tử');
    await user.type(email, 'an@vimsat');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu người dùng' }));
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(
      /^Nhập một địa chỉ thư điện tử, ví dụ ten@example.com\./,
    );
    expect(writes()).toEqual([]);
    await user.type(email, '.example');
    await user.selectOptions(within(dialog).getByLabelText('Ngôn ngữ của thư'), 'en');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu người dùng' }));
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]?.body).toMatchObject({ email: 'an@vimsat.example', locale: 'en' });
  });

  it('edits a user from the version loaded; a stale version says so and reloads the list', async () => {
    let usersLoads = 0;
    const { writes } = adminApi((request) => {
      if (request.method === 'GET' && request.path === '/api/users') {
        usersLoads += 1;
        return undefined;
      }
      if (request.method === 'PATCH') {
        return jsonResponse(
          { error: 'conflict', message: 'This user was changed', field: 'version' },
          409,
        );
      }
      return undefined;
    });
    renderApp('vi');
    const { user, usersSection } = await openAdmin();
    await user.click(within(usersSection).getByRole('button', { name: 'Sửa lead-tt-atm' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sửa lead-tt-atm' });
    await user.click(within(dialog).getByLabelText('Khóa tài khoản (không đăng nhập được)'));
    await user.click(within(dialog).getByRole('button', { name: 'Lưu người dùng' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Mục này vừa được người khác thay đổi; danh sách đã được tải lại.',
    );
    expect(writes()).toEqual([
      {
        method: 'PATCH',
        path: '/api/users/4',
        body: {
          version: 3,
          displayName: 'Trần Thị An',
          role: 'unit_lead',
          unitIds: [3],
          isDisabled: true,
          email: null,
          locale: 'vi',
        },
      },
    ]);
    await waitFor(() => expect(usersLoads).toBe(2));
  });

  it('shows the unit tree indented and renames or moves a unit with its version', async () => {
    const { writes } = adminApi((request) =>
      request.method === 'PATCH'
        ? jsonResponse({ ...unitRecords[2], ...(request.body as object), version: 3 })
        : undefined,
    );
    renderApp('vi');
    const { user, unitsSection } = await openAdmin();
    const names = within(unitsSection)
      .getAllByRole('rowheader')
      .map((cell) => cell.textContent);
    expect(names[0]).toBe('Viện Khoa học Công nghệ Mỏ – Vinacomin');
    await user.click(
      within(unitsSection).getByRole('button', { name: 'Sửa Trung tâm An toàn Mỏ' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Sửa Trung tâm An toàn Mỏ' });
    const parent = within(dialog).getByLabelText('Trực thuộc');
    // Not under itself.
    expect(within(parent).queryByRole('option', { name: /TT-ATM/ })).not.toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText('Tên đơn vị'));
    await user.type(within(dialog).getByLabelText('Tên đơn vị'), 'Trung tâm An toàn Mỏ mới');
    await user.selectOptions(within(dialog).getByLabelText('Loại'), 'company');
    await user.selectOptions(parent, '2');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu đơn vị' }));
    expect(await within(unitsSection).findByRole('status')).toHaveTextContent('Đã lưu');
    expect(writes()).toEqual([
      {
        method: 'PATCH',
        path: '/api/units/3',
        body: { version: 2, name: 'Trung tâm An toàn Mỏ mới', kind: 'company', parentId: 2 },
      },
    ]);
  });

  it('shows a move under its own unit beside the parent field (409 parentId)', async () => {
    adminApi((request) =>
      request.method === 'PATCH'
        ? jsonResponse(
            {
              error: 'conflict',
              message: 'A unit cannot move under itself or one of its own units',
              field: 'parentId',
            },
            409,
          )
        : undefined,
    );
    renderApp('en');
    const user = userEvent.setup();
    const nav = await screen.findByRole('navigation', { name: 'Pages' });
    await user.click(within(nav).getByRole('link', { name: 'Administration' }));
    const unitsSection = await screen.findByRole('region', { name: 'Units' });
    await user.click(
      await within(unitsSection).findByRole('button', {
        name: 'Edit Phòng Công nghệ Khai thác Lộ thiên',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Save unit' }));
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Belongs to')).toHaveAccessibleDescription(
        'A unit cannot move under itself or one of its own units.',
      ),
    );
  });

  it('refuses a hidden character in a name before sending, and says which one', async () => {
    const { writes } = adminApi();
    renderApp('vi');
    const { user, unitsSection } = await openAdmin();
    await user.click(within(unitsSection).getByRole('button', { name: 'Thêm đơn vị' }));
    const dialog = await screen.findByRole('dialog', { name: 'Thêm đơn vị' });
    await user.type(within(dialog).getByLabelText('Mã'), 'TT-ATM2');
    // Pasted, as a look-alike would be: "Trung tâm An toàn Mỏ" with a right-to-left override.
    await user.click(within(dialog).getByLabelText('Tên đơn vị'));
    await user.paste('Trung tâm \u202EAn toàn Mỏ');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu đơn vị' }));
    expect(within(dialog).getByLabelText('Tên đơn vị')).toHaveAccessibleDescription(
      'Có ký tự ẩn (U+202E), thường bị dán kèm theo chữ, có thể làm nội dung trông giống nội dung khác. Hãy xóa rồi gõ lại.',
    );
    expect(writes()).toEqual([]);
  });

  it("shows the API's refusal of a hidden character or a code breaking its rule in the user's words", async () => {
    let attempts = 0;
    adminApi((request) => {
      if (request.method !== 'POST' || request.path !== '/api/units') return undefined;
      attempts += 1;
      return attempts === 1
        ? jsonResponse(
            {
              error: 'hidden_character',
              message: 'name holds a hidden character (U+2067 at position 3)',
              field: 'name',
            },
            400,
          )
        : jsonResponse(
            { error: 'bad_request', message: 'code may hold only the letters…', field: 'code' },
            400,
          );
    });
    renderApp('en');
    const user = userEvent.setup();
    const nav = await screen.findByRole('navigation', { name: 'Pages' });
    await user.click(within(nav).getByRole('link', { name: 'Administration' }));
    const unitsSection = await screen.findByRole('region', { name: 'Units' });
    await user.click(await within(unitsSection).findByRole('button', { name: 'Add unit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a unit' });
    await user.type(within(dialog).getByLabelText('Code'), 'TT-ATM2');
    await user.type(within(dialog).getByLabelText('Name'), 'Safety');
    await user.click(within(dialog).getByRole('button', { name: 'Save unit' }));
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Name')).toHaveAccessibleDescription(
        'This holds a hidden character (such as a right-to-left mark or a zero-width space), usually pasted in with the text, that can make it look like something else. Delete it and type the text again.',
      ),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save unit' }));
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Code')).toHaveAccessibleDescription(
        'A code has 1 to 32 characters: letters without accents (A–Z), digits, and . _ -',
      ),
    );
  });

  it('shows a code taken in another case beside the code field (409), in the words of each language', async () => {
    adminApi((request) =>
      request.method === 'POST' && request.path === '/api/units'
        ? jsonResponse(
            {
              error: 'conflict',
              message:
                'The unit code tt-atm is taken: TT-ATM differs from it only in case, and codes are compared without regard to case',
              field: 'code',
            },
            409,
          )
        : undefined,
    );
    const { i18n } = renderApp('vi');
    const { user, unitsSection } = await openAdmin();
    await user.click(within(unitsSection).getByRole('button', { name: 'Thêm đơn vị' }));
    const dialog = await screen.findByRole('dialog', { name: 'Thêm đơn vị' });
    await user.type(within(dialog).getByLabelText('Mã'), 'tt-atm');
    await user.type(within(dialog).getByLabelText('Tên đơn vị'), 'Trung tâm An toàn Mỏ');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu đơn vị' }));
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Mã')).toHaveAccessibleDescription(
        'Mã này đã được dùng (không phân biệt chữ hoa, chữ thường: TT-ATM và tt-atm là một mã).',
      ),
    );
    await act(async () => {
      await i18n.changeLanguage('en');
    });
    expect(within(dialog).getByLabelText('Code')).toHaveAccessibleDescription(
      'This code is taken (capitals do not count: TT-ATM and tt-atm are one code).',
    );
  });

  it('tells an admin who would demote or disable the last admin why not (409 last_admin)', async () => {
    let attempts = 0;
    adminApi((request) => {
      if (request.method !== 'PATCH') return undefined;
      attempts += 1;
      return jsonResponse(
        {
          error: 'last_admin',
          message: 'admin is the last enabled administrator',
          field: attempts === 1 ? 'role' : 'isDisabled',
        },
        409,
      );
    });
    const { i18n } = renderApp('vi');
    const { user, usersSection } = await openAdmin();
    await user.click(within(usersSection).getByRole('button', { name: 'Sửa admin' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sửa admin' });
    await user.selectOptions(within(dialog).getByLabelText('Vai trò'), 'director');
    await user.click(within(dialog).getByRole('button', { name: 'Lưu người dùng' }));
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Vai trò')).toHaveAccessibleDescription(
        'Đây là quản trị viên cuối cùng còn hoạt động: nếu đổi vai trò, sẽ không còn ai quản lý được người dùng và đơn vị. Hãy cấp quyền quản trị viên cho người khác trước.',
      ),
    );
    await user.selectOptions(within(dialog).getByLabelText('Vai trò'), 'admin');
    await user.click(within(dialog).getByLabelText('Khóa tài khoản (không đăng nhập được)'));
    await user.click(within(dialog).getByRole('button', { name: 'Lưu người dùng' }));
    // The check box shows no error of its own: the refusal stands above the buttons.
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Đây là quản trị viên cuối cùng còn hoạt động: nếu khóa tài khoản này, sẽ không còn ai quản lý được người dùng và đơn vị.',
    );
    await act(async () => {
      await i18n.changeLanguage('en');
    });
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'This is the last active administrator: disabled, nobody could manage users and units any more. Make another user an administrator first.',
    );
  });
});
