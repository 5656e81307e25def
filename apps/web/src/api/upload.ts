// Multipart bodies for upload routes through the typed client: the schema types the fields, FormData carries them.
// `api.POST('/api/org-units/import', multipart({ file }))`: openapi-fetch sends FormData as it is (the browser sets the boundary).

type Field = string | number | Blob;

export function multipart(fields: Record<string, Field | undefined>) {
  return {
    // the generated body types a binary field as `string`: the fields go as they are, the serializer is what is sent
    body: fields as never,
    bodySerializer: () => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) {
        if (value === undefined) continue;
        if (value instanceof File) form.append(name, value, value.name);
        else form.append(name, value instanceof Blob ? value : String(value));
      }
      return form;
    },
  };
}
