import { useMemo, useState } from 'react';
import Form from '@rjsf/core';
import { englishStringTranslator, type RJSFSchema, type TranslatableString } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import Ajv2020 from 'ajv/dist/2020';
import localizeZh from 'ajv-i18n/localize/zh';
import { useTranslation } from 'react-i18next';
import { uiSchemaFor, withTitles, type JsonSchema } from '../lib/forms';
import type { FieldErrors } from '../lib/problems';

// zod publishes the forms as JSON Schema 2020-12; the validator speaks that draft and,
// in Chinese, explains itself in Chinese.
const validators = {
  en: customizeValidator({ AjvClass: Ajv2020 }),
  zh: customizeValidator({ AjvClass: Ajv2020 }, localizeZh),
};

export interface TaskFormProps {
  schema: JsonSchema;
  formData: Record<string, unknown>;
  onChange(data: Record<string, unknown>): void;
  onSubmit(data: Record<string, unknown>): void;
  fieldErrors: FieldErrors;
  submitLabel: string;
  disabled: boolean;
  idPrefix: string;
}

export function TaskForm(props: TaskFormProps) {
  const { t, i18n } = useTranslation();
  const [showErrors, setShowErrors] = useState(false);
  const schema = useMemo(
    () => withTitles(props.schema, (name) => t(`field.${name}`, { defaultValue: name })) as RJSFSchema,
    [props.schema, i18n.language, t],
  );
  const uiSchema = useMemo(
    () => ({
      ...uiSchemaFor(props.schema, (v) => t(`choice.${v}`, { defaultValue: v })),
      'ui:submitButtonOptions': { submitText: props.submitLabel },
      // An optional group (a revised order's urgent flag) stays closed until someone fills it in.
      'ui:globalOptions': { enableOptionalDataFieldForType: ['object' as const] },
    }),
    [props.schema, props.submitLabel, t],
  );
  const translateString = (s: TranslatableString, params?: string[]) =>
    englishStringTranslator(t(`rjsf.${s}`, { defaultValue: s }) as TranslatableString, params);

  return (
    <Form
      idPrefix={props.idPrefix}
      schema={schema}
      uiSchema={uiSchema}
      formData={props.formData}
      validator={i18n.language === 'en' ? validators.en : validators.zh}
      translateString={translateString}
      extraErrors={props.fieldErrors as never}
      extraErrorsBlockSubmit={false}
      showErrorList={showErrors ? 'top' : false}
      noHtml5Validate
      focusOnFirstError
      disabled={props.disabled}
      experimental_defaultFormStateBehavior={{ emptyObjectFields: 'skipEmptyDefaults' }}
      onChange={(e) => props.onChange((e.formData ?? {}) as Record<string, unknown>)}
      onError={() => setShowErrors(true)}
      onSubmit={(e) => props.onSubmit((e.formData ?? {}) as Record<string, unknown>)}
    />
  );
}
