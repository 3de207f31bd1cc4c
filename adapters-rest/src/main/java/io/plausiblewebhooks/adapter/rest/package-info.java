/**
 * The HTTP API (see API.md). How a resource of any area plugs into it:
 * <ul>
 *   <li>Give each collection its own root class under {@code /api/v1/...} (Jersey picks the root
 *       with the most literal characters and does not backtrack). Every {@code /api/v1} request is
 *       authenticated by {@link io.plausiblewebhooks.adapter.rest.ApiKeyAuthFilter} before matching.</li>
 *   <li>Take {@code @Context SecurityContext security} and call
 *       {@link io.plausiblewebhooks.adapter.rest.Callers#account}; pass that account to the use
 *       case, which answers {@code NotFoundException} for another account's resources.</li>
 *   <li>Parse path ids with {@link io.plausiblewebhooks.adapter.rest.PathIds}: a non-UUID is a 404.</li>
 *   <li>Let request body records implement {@link io.plausiblewebhooks.adapter.rest.ApiRequest}
 *       (strict JSON: 400 malformed, 422 naming a field of the wrong type); require a body with
 *       {@link io.plausiblewebhooks.adapter.rest.Bodies#require}.</li>
 *   <li>Throw domain exceptions ({@code ValidationException} 422, {@code NotFoundException} 404,
 *       {@code ConflictException} 409, {@code ForbiddenException} 403): the
 *       {@link io.plausiblewebhooks.adapter.rest.ProblemExceptionMapper} answers problem+json. Build
 *       other problem answers with {@link io.plausiblewebhooks.adapter.rest.Problems}.</li>
 *   <li>Lists answer {@link io.plausiblewebhooks.adapter.rest.DataList}; times are formatted with
 *       {@link io.plausiblewebhooks.adapter.rest.Times}.</li>
 * </ul>
 */
package io.plausiblewebhooks.adapter.rest;
