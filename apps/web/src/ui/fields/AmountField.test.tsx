import { WORDS } from '@targetline/core';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/i18n';
import { AmountField } from './AmountField';
import { readAmountInput } from './amount-input';

function renderField(value: string) {
  render(
    <I18nextProvider i18n={createI18n('vi', WORDS)}>
      <AmountField
        id="amount"
        label="Doanh thu thực hiện"
        value={value}
        onChange={() => {}}
        parsed={readAmountInput({ input: value, locale: 'vi', isOptional: false })}
        locale="vi"
        isSubmitted={false}
      />
    </I18nextProvider>,
  );
  return screen.getByRole('textbox', { name: 'Doanh thu thực hiện' });
}

describe('the amount field', () => {
  it('asks a phone for the keyboard with letters, so "25 tỷ" can be typed', () => {
    const input = renderField('');
    expect(input).toHaveAttribute('inputmode', 'text');
    expect(input).toHaveAttribute('type', 'text');
  });

  it('says what "25 tỷ" was read as', () => {
    renderField('25 tỷ');
    expect(screen.getByText(/25\.000\.000\.000/)).toBeInTheDocument();
  });
});
