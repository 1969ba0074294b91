/**
 * Response serializers, built when a route first answers with a given status: the app has
 * hundreds of response schemas and building them all up front took a large share of every start,
 * while a process (a CLI command, a test) answers few of them. The serializers are Fastify's own.
 */
import { SerializerSelector, type SerializerFactory } from '@fastify/fast-json-stringify-compiler';

const buildFastifySerializers = SerializerSelector();

export const lazySerializers: SerializerFactory = (externalSchemas, options) => {
  const compile = buildFastifySerializers(externalSchemas, options);
  return (route) => {
    let serialize: ((doc: unknown) => string) | undefined;
    return (doc: unknown) => (serialize ??= compile(route))(doc);
  };
};
