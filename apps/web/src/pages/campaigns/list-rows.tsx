import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Row } from 'antd';
import type { FormListFieldData } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/**
 * The rows of a Form.List in the wizard: each row its fields (`children`, Cols) and a remove button at its end
 * (“删除{what} n”), then a dashed add button. A row is `data-testid="{testId}-i"`.
 */
export function ListRows({
  name,
  what,
  testId,
  addLabel,
  addValue,
  addStyle,
  children,
}: {
  name: string;
  what: string;
  testId: string;
  addLabel: string;
  addValue: object;
  addStyle?: CSSProperties;
  children: (f: FormListFieldData, i: number) => ReactNode;
}) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Row gutter={12} key={f.key} align="top" data-testid={`${testId}-${i}`}>
              {children(f, i)}
              <Col xs={24} md={2}>
                <Button
                  type="text"
                  danger
                  icon={<MinusCircleOutlined />}
                  onClick={() => remove(f.name)}
                  style={{ marginTop: 30 }}
                  aria-label={`删除${what} ${i + 1}`}
                />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(addValue)} style={addStyle}>
            {addLabel}
          </Button>
        </>
      )}
    </Form.List>
  );
}
