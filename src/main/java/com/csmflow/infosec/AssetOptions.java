package com.csmflow.infosec;

import com.csmflow.forms.FormOptions;
import java.util.List;
import java.util.Locale;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The asset picker of the security event's start form ({@value FormOptions#ASSETS}): the active assets the
 * caller may read, by the same rule as {@code GET /api/security-assets}. A csm or cse, who may report an
 * event but read no security data, gets an empty list and names the asset in words.
 */
@Component
class AssetOptions implements FormOptions.Source {

    private final SecurityAssetRepository assets;
    private final SecurityDataAccess access;

    AssetOptions(SecurityAssetRepository assets, SecurityDataAccess access) {
        this.assets = assets;
        this.access = access;
    }

    @Override
    public String valuesKey() {
        return FormOptions.ASSETS;
    }

    @Override
    @Transactional(readOnly = true)
    public List<FormOptions.Option> options() {
        Specification<SecurityAsset> active = (root, query, cb) -> cb.equal(root.get("status"), "ACTIVE");
        if (!access.seesAll()) {
            List<String> managed = access.managedServices();
            if (managed.isEmpty()) {
                return List.of();
            }
            active =
                    active.and((root, query, cb) -> root.get("serviceReference").in(managed));
        }
        return assets.findAll(active, Sort.by("clientReference", "name")).stream()
                .map(asset -> new FormOptions.Option(
                        asset.getName() + " (" + asset.getReference() + ", " + asset.getClientReference() + ", "
                                + asset.getCriticality().name().toLowerCase(Locale.ROOT) + ")",
                        asset.getReference()))
                .toList();
    }
}
