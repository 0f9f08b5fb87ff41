/**
 * Security headers on every response (@fastify/helmet): `X-Content-Type-Options: nosniff`, a referrer policy, and a
 * content security policy that lets the dashboard (its own scripts; ECharts drawing on canvas, inline styles, data:
 * images for chart downloads), Swagger UI (/docs) and the printable report (inline styles and SVG) work and nothing
 * else load; pages may not be framed by other sites (`frame-ancestors 'none'`), except the embeds and badges, which
 * exist to be put in other pages. Also `/favicon.ico`.
 */
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

/** Routes meant to be shown inside other sites' pages. */
export function isEmbeddable(url: string): boolean {
  return url.startsWith("/embed/") || url.startsWith("/badge/");
}

/** The omo mark: a small SVG (an eye over a bar chart). */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f4e79"/><rect x="6" y="18" width="4" height="8" fill="#fff"/><rect x="14" y="12" width="4" height="14" fill="#fff"/><rect x="22" y="6" width="4" height="20" fill="#fff"/></svg>`;

/** Registers the headers and the favicon. */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        // ECharts and Swagger UI set styles inline; the report's page carries its own <style>
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
      },
    },
    // public data: badges and embeds are fetched from other sites
    crossOriginResourcePolicy: { policy: "cross-origin" },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    frameguard: { action: "deny" },
    // served on loopback or behind the operator's TLS proxy: HSTS is the proxy's to send
    strictTransportSecurity: false,
  });
  app.addHook("onSend", async (req, reply, payload) => {
    if (isEmbeddable(req.url)) {
      // embeds and badges may be framed anywhere; everything else stays 'none'
      const csp = String(reply.getHeader("content-security-policy") ?? "");
      reply.header("content-security-policy", csp.replace("frame-ancestors 'none'", "frame-ancestors *"));
      reply.removeHeader("x-frame-options");
    }
    return payload;
  });
  app.get("/favicon.ico", { schema: { hide: true } }, async (_req, reply) => {
    reply.header("Cache-Control", "public, max-age=86400");
    return reply.type("image/svg+xml").send(FAVICON_SVG);
  });
}
